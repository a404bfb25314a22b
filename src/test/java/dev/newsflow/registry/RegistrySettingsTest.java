package dev.newsflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @Test
    void credentialsInTheUrlBecomeBasicAuthAndLeaveTheUrl() {
        RegistrySettings settings = RegistrySettings.of("http://svc-user:p%40ss%3Aw0rd@registry.local:8080/apis/ccompat/v7");
        assertThat(settings.baseUrls()).containsExactly("http://registry.local:8080/apis/ccompat/v7");
        assertThat(settings.basicAuth()).contains("svc-user:p@ss:w0rd");
        assertThat(settings.withBasicAuth("").basicAuth()).contains("svc-user:p@ss:w0rd");
        assertThat(settings.withBasicAuth("svc-user:p@ss:w0rd").basicAuth()).contains("svc-user:p@ss:w0rd");
        assertThat(settings.timeout()).isEqualTo(RegistrySettings.DEFAULT_TIMEOUT);
    }

    @Test
    void urlsWithoutCredentialsKeepTheSettingsOwn() {
        RegistrySettings settings = RegistrySettings.of("http://a:8081, http://b:8081/", Duration.ofSeconds(2))
                .withBasicAuth("u:p");
        assertThat(settings.baseUrls()).isEqualTo(List.of("http://a:8081", "http://b:8081"));
        assertThat(settings.basicAuth()).contains("u:p");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void credentialsThatDisagreeAreRefusedWithOneClearLineThatShowsNoSecret() {
        assertThatThrownBy(() -> RegistrySettings.of("http://u:secret1@a:8081").withBasicAuth("u:other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the schema registry URL carries credentials other than"
                        + " newsflow.registry.basic.auth.user.info: give them in one place");
        assertThatThrownBy(() -> RegistrySettings.of("http://u:secret1@a:8081,http://v:secret2@b:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RegistrySettings.of("http://u:secret1@a b:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret1");
        assertThat(RegistrySettings.withoutUserInfo("https://u:secret@host:1/p@q")).isEqualTo("https://host:1/p@q");
    }
}

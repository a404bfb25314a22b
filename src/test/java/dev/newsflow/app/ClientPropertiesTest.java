package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Every client the application builds reaches a secured cluster: each of Kafka's client security settings carries over. */
class ClientPropertiesTest {
    @Test
    void everySecuritySettingReachesTheProducerConsumerAndAdmin() {
        ConfigDef security = new ConfigDef();
        SslConfigs.addClientSslSupport(security);
        SaslConfigs.addClientSaslSupport(security);
        Set<String> names = security.names();
        assertThat(names).contains("ssl.truststore.type", "ssl.truststore.certificates", "sasl.jaas.config",
                "sasl.login.callback.handler.class", "sasl.oauthbearer.token.endpoint.url");

        Properties kafka = new Properties();
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "kafka:9093");
        kafka.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        names.forEach(name -> kafka.put(name, "value of " + name));
        kafka.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow"); // Streams-only: clients would warn about it

        for (Properties client : new Properties[] {ClientProperties.producer(kafka), ClientProperties.consumer(kafka),
                ClientProperties.admin(kafka)}) {
            assertThat(client.stringPropertyNames()).containsAll(names)
                    .contains(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                    .doesNotContain(StreamsConfig.APPLICATION_ID_CONFIG);
            names.forEach(name -> assertThat(client.getProperty(name)).isEqualTo("value of " + name));
        }
    }
}

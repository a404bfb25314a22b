package dev.newsflow.bench;

import java.util.Arrays;

/** Repeated timed passes, summarised by their median: GC and JIT make single passes noisy. */
record PassRates(double median, double min, double max, int passes) {
    /** One timed pass, returning its rate. */
    interface Pass {
        double rate() throws Exception;
    }

    static PassRates of(int passes, Pass pass) throws Exception {
        double[] rates = new double[passes];
        for (int i = 0; i < passes; i++) {
            rates[i] = pass.rate();
        }
        Arrays.sort(rates);
        double median = passes % 2 == 1 ? rates[passes / 2] : (rates[passes / 2 - 1] + rates[passes / 2]) / 2;
        return new PassRates(median, rates[0], rates[passes - 1], passes);
    }

    @Override
    public String toString() {
        return String.format("median of %d passes, min %.0f, max %.0f", passes, min, max);
    }
}

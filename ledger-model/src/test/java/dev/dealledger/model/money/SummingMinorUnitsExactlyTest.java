package dev.dealledger.model.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link MinorSums} equals adding the same amounts as {@link BigInteger}s, however close to the long range they are. */
class SummingMinorUnitsExactlyTest {

    @Test
    void random_amounts_near_and_far_from_the_long_range_sum_exactly() {
        Random random = new Random(7);
        long[] extremes = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 0, 1, -1};
        for (int run = 0; run < 200; run++) {
            MinorSums sums = new MinorSums(1);
            BigInteger[] expected = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
            for (int i = 0; i < 500; i++) {
                int bucket = random.nextInt(expected.length);
                long minor = random.nextInt(4) == 0
                        ? extremes[random.nextInt(extremes.length)]
                        : random.nextLong() >> random.nextInt(64);
                sums.add(bucket, minor);
                expected[bucket] = expected[bucket].add(BigInteger.valueOf(minor));
            }
            for (int bucket = 0; bucket < expected.length; bucket++) {
                assertThat(sums.get(bucket)).as("run %d bucket %d", run, bucket).isEqualTo(expected[bucket]);
            }
        }
    }

    @Test
    void a_thousand_maximal_amounts_in_one_bucket_sum_past_the_long_range() {
        MinorSums sums = new MinorSums(1);
        for (int i = 0; i < 1_000; i++) {
            sums.add(0, Long.MAX_VALUE);
        }
        assertThat(sums.get(0)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(1_000)));
    }

    @Test
    void buckets_grow_as_used_and_an_unused_one_reads_zero() {
        MinorSums sums = new MinorSums(1);
        sums.add(9, 0L);
        sums.add(4, BigInteger.TEN);

        assertThat(sums.used(9)).as("zero added is still used").isTrue();
        assertThat(sums.used(5)).isFalse();
        assertThat(sums.get(5)).isZero();
        assertThat(sums.get(4)).isEqualTo(BigInteger.TEN);
        assertThat(sums.get(100)).isZero();
        assertThatThrownBy(() -> sums.add(-1, 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adding_all_of_another_adds_bucket_by_bucket() {
        MinorSums a = new MinorSums(2);
        MinorSums b = new MinorSums(2);
        a.add(0, Long.MAX_VALUE);
        b.add(0, Long.MAX_VALUE);
        b.add(3, -5L);

        a.addAll(b);

        assertThat(a.get(0)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1));
        assertThat(a.get(3)).isEqualTo(BigInteger.valueOf(-5));
        assertThat(a.used(1)).isFalse();
    }
}

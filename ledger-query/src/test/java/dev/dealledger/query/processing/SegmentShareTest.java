package dev.dealledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentShareTest {

    @Test
    void a_lone_replica_may_hold_every_segment() {
        assertThat(SegmentBalancer.share(4, 1)).isEqualTo(4);
        // Before its first heartbeat is counted, a replica still counts itself.
        assertThat(SegmentBalancer.share(4, 0)).isEqualTo(4);
    }

    @Test
    void replicas_share_the_segments_rounding_up_so_none_is_left_unclaimed() {
        assertThat(SegmentBalancer.share(4, 2)).isEqualTo(2);
        assertThat(SegmentBalancer.share(4, 3)).isEqualTo(2);
        assertThat(SegmentBalancer.share(4, 4)).isEqualTo(1);
        assertThat(SegmentBalancer.share(4, 5)).isEqualTo(1);
    }
}

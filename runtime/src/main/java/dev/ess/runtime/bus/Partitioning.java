package dev.ess.runtime.bus;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Which partition an event belongs to: a hash of its key, the same in every instance and release. */
public final class Partitioning {

    /** @param laneKey the event's key, or its id when it has none */
    public static int of(String laneKey, int partitions) {
        if (partitions == 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(laneKey.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    private Partitioning() {}
}

package com.whatsdex.bench;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A local JVM's used heap read from its performance-data file ({@code /tmp/hsperfdata_<user>/<pid>}, the shared
 * memory that {@code jstat} reads): the used bytes of every space of every garbage-collector generation (for G1: eden,
 * the two survivor spaces and the old space). The JVM keeps these counters up to date itself, so reading them costs
 * the measured process nothing; asking its metrics endpoint instead took a tenth of the server's CPU in the campaign
 * benchmark (JFR profile), which the benchmark then counted as the server's work.
 *
 * <p>File layout (HotSpot's {@code PerfDataPrologue} and {@code PerfDataEntry}): magic {@code 0xcafec0c0}, a byte
 * order flag at offset 4, the offset of the first entry at 24 and their number at 28; each entry starts with its
 * length, the offset of its null-terminated name, its vector length, its type and the offset of its value.
 */
final class HeapGauge {

    private static final int MAGIC = 0xcafec0c0;
    private static final Pattern USED = Pattern.compile("sun\\.gc\\.generation\\.\\d+\\.space\\.\\d+\\.used");

    private final MappedByteBuffer data;
    private final int[] usedOffsets;

    private HeapGauge(MappedByteBuffer data, int[] usedOffsets) {
        this.data = data;
        this.usedOffsets = usedOffsets;
    }

    /** The gauge of the JVM with this pid, or an error when it keeps no performance data the bench can read. */
    static HeapGauge of(long pid) throws IOException {
        Path file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
        MappedByteBuffer data;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            data = channel.map(FileChannel.MapMode.READ_ONLY, 0, Files.size(file));
        }
        data.order(ByteOrder.BIG_ENDIAN);
        if (data.getInt(0) != MAGIC) {
            throw new IOException(file + " is not a JVM performance-data file");
        }
        data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int offset = data.getInt(24);
        int entries = data.getInt(28);
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int length = data.getInt(offset);
            String name = name(data, offset + data.getInt(offset + 4));
            boolean scalarLong = data.getInt(offset + 8) == 0 && data.get(offset + 12) == 'J';
            if (scalarLong && USED.matcher(name).matches()) {
                used.add(offset + data.getInt(offset + 16));
            }
            offset += length;
        }
        if (used.isEmpty()) {
            throw new IOException(file + " has no heap space counters");
        }
        return new HeapGauge(data, used.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String name(MappedByteBuffer data, int at) {
        int end = at;
        while (data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        data.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Bytes in use across the heap's spaces right now. */
    long usedBytes() {
        long sum = 0;
        for (int at : usedOffsets) {
            sum += data.getLong(at);
        }
        return sum;
    }
}

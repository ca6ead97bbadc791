package com.whatsdex.contacts.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.whatsdex.shared.ApiException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded fuzzing of everything the import does with a file's bytes before the database: encoding and delimiter
 * sniffing, the binary check, the RFC 4180 parser, header mapping, row mapping and the COPY text of a batch, plus
 * the preview. Thousands of random and mutated files (random bytes, broken quotes, huge fields, byte order marks
 * with the wrong encoding after them, delimiter soup, very long lines); the only failure allowed is the parser's
 * own syntax error (the import then fails with its message) or a 4xx for the preview; never a hang.
 */
class CsvImportFuzzTests {

    private static final long SEED = 0x5EED_C5F;
    private static final int INPUTS = 3000;
    private static final String PUNCTUATION = " ,;\"'\t\\:+-_.@*";

    private static final String VALID = """
            Name,Phone,E-mail,Tags,Notes
            Ada Lovelace,+44 20 7946 0958,ada@example.com,"vip, beta","likes ""maths""\nand poetry"
            Bob,08031234567,bob@example.com,,
            Ça Va,+33 1 23 45 67 89,,* starred ::: friends,café
            """;

    @Test
    void randomAndMutatedFilesNeverFailWithAnythingButACsvSyntaxError() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int syntaxErrors = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int errors = 0;
            for (int i = 0; i < INPUTS; i++) {
                byte[] file = generate(random);
                try {
                    importWithoutDatabase(file, random);
                } catch (CsvParser.CsvSyntaxException e) {
                    assertThat(e.getMessage()).startsWith("record ");
                    errors++;
                } catch (Throwable e) {
                    failures.add("input " + i + " (" + file.length + " bytes, starts "
                            + Arrays.toString(Arrays.copyOf(file, Math.min(16, file.length))) + "): " + e);
                }
            }
            return errors;
        });
        assertThat(failures).as("unexpected exceptions").isEmpty();
        assertThat(syntaxErrors)
                .as("the generator reaches the parser's error paths")
                .isPositive();
    }

    @Test
    void previewAnswersARowsOrAClientErrorForEveryInput() {
        ImportService service = previewOnlyService();
        Random random = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < INPUTS / 3; i++) {
                byte[] file = generate(random);
                try {
                    ImportService.Preview preview = service.preview(
                            new ByteArrayInputStream(file), new ImportService.ImportOptions("NG", null, null, null));
                    assertThat(preview.rows()).hasSizeLessThanOrEqualTo(ImportService.PREVIEW_ROWS);
                } catch (ApiException e) {
                    if (!e.status().is4xxClientError()) {
                        failures.add("input " + i + ": " + e.status() + " " + e.getMessage());
                    }
                } catch (Throwable e) {
                    failures.add("input " + i + " (" + file.length + " bytes): " + e);
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void aFiftyMegabyteLineWithoutLineBreakIsRefusedAfterOneRecordsWorthOfInput() {
        CountingStream endless = new CountingStream(50L << 20);
        CsvParser parser = new CsvParser(new InputStreamReader(endless, StandardCharsets.UTF_8), ',');

        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertThatThrownBy(parser::next)
                        .isInstanceOf(CsvParser.CsvSyntaxException.class)
                        .hasMessageContaining("longer than " + CsvParser.MAX_RECORD_CHARS));
        // memory is one record: the reader stopped right after the limit, it did not buffer the 50 MB
        assertThat(endless.served).isLessThan(CsvParser.MAX_RECORD_CHARS + (1L << 20));
    }

    @Test
    void anUnbalancedQuoteSwallowingTheFileIsRefusedNotBuffered() {
        CountingStream endless = new CountingStream(50L << 20);
        InputStream quoted = new java.io.SequenceInputStream(
                new ByteArrayInputStream("name,phone\n\"Ada,".getBytes(StandardCharsets.UTF_8)), endless);
        CsvParser parser = new CsvParser(new InputStreamReader(quoted, StandardCharsets.UTF_8), ',');

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(parser.next()).containsExactly("name", "phone");
            assertThatThrownBy(parser::next)
                    .isInstanceOf(CsvParser.CsvSyntaxException.class)
                    .hasMessageContaining("record 2");
        });
        assertThat(endless.served).isLessThan(CsvParser.MAX_RECORD_CHARS + (1L << 20));
    }

    @Test
    void aFileWithoutAnyLineBreakInItsFirstMegabyteIsRefusedAtUpload() {
        byte[] line = new byte[ImportService.CHUNK_BYTES + 10];
        Arrays.fill(line, (byte) 'a');

        assertThatThrownBy(() -> ImportService.requireText(line, ImportService.CHUNK_BYTES))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("first line");
                });
        byte[] small = "name,phone".getBytes(StandardCharsets.UTF_8); // a one-line file is fine (no contacts)
        ImportService.requireText(small, small.length);
    }

    // ---- what the import job does with the bytes, minus the database

    private static void importWithoutDatabase(byte[] file, Random random) throws IOException {
        byte[] head = Arrays.copyOf(file, Math.min(file.length, 1 << 20));
        CsvFormat format = CsvFormat.sniff(head, head.length);
        format.looksBinary(head, head.length);
        format.label();
        char delimiter = CsvFormat.sniffDelimiter(format.decodeSample(head, Math.min(head.length, 64 * 1024)));
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(file));
        in.skipNBytes(Math.min(format.bomLength(), file.length));
        var decoder = format.charset()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CsvParser parser = new CsvParser(new InputStreamReader(in, decoder), delimiter);
        List<String> headers = parser.next();
        if (headers == null) {
            return;
        }
        List<String> clean = headers.stream().map(String::strip).toList();
        List<ColumnMapping> mapping = random.nextInt(4) == 0
                ? ColumnMapping.chosen(randomChoices(random, clean.size()), clean)
                : ColumnMapping.propose(clean);
        RowMapper rows = new RowMapper(mapping, random.nextBoolean() ? "NG" : "US", List.of("fuzz"));
        ImportRepository.StagingWriter staging = new ImportRepository.StagingWriter();
        JsonMapper json = JsonMapper.builder().build();
        List<String> cells;
        while ((cells = parser.next()) != null) {
            switch (rows.map(parser.records(), cells)) {
                case RowMapper.Outcome.Blank b -> {}
                case RowMapper.Outcome.Rejected r -> {
                    assertThat(r.error()).isNotBlank().hasSizeLessThan(200);
                    staging.row(parser.records(), null, null, null, null, null, null, null, cells, r.error());
                }
                case RowMapper.Outcome.Valid v -> {
                    var c = v.candidate();
                    assertThat(c.phone()).startsWith("+");
                    assertThat(c.name() == null ? 0 : c.name().length()).isLessThanOrEqualTo(RowMapper.MAX_NAME);
                    staging.row(
                            parser.records(),
                            UUID.randomUUID(),
                            c.phone(),
                            c.rawPhone(),
                            c.name(),
                            c.email(),
                            c.tags(),
                            json.writeValueAsString(c.attributes()),
                            cells,
                            null);
                }
            }
        }
        staging.finish();
        String copyText = new String(staging.bytes(), StandardCharsets.UTF_8);
        assertThat(copyText).doesNotContain("\0");
    }

    private static List<MappingCmd> randomChoices(Random random, int columns) {
        List<MappingCmd> choices = new ArrayList<>();
        ColumnTarget[] targets = ColumnTarget.values();
        for (int i = 0; i < 1 + random.nextInt(6); i++) {
            choices.add(new MappingCmd(
                    random.nextInt(columns + 4) - 2,
                    targets[random.nextInt(targets.length)],
                    random.nextBoolean() ? null : randomText(random, random.nextInt(100))));
        }
        return choices;
    }

    private static ImportService previewOnlyService() {
        var noTransactions = new AbstractPlatformTransactionManager() {
            @Override
            protected Object doGetTransaction() {
                return new Object();
            }

            @Override
            protected void doBegin(Object transaction, org.springframework.transaction.TransactionDefinition d) {}

            @Override
            protected void doCommit(DefaultTransactionStatus status) {}

            @Override
            protected void doRollback(DefaultTransactionStatus status) {}
        };
        return new ImportService(
                null,
                null,
                null,
                null,
                null,
                JsonMapper.builder().build(),
                new ImportService.ImportProperties(DataSize.ofMegabytes(200), 20000),
                noTransactions);
    }

    // ---- the generator

    static byte[] generate(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> randomBytes(random, random.nextInt(4096));
            case 1 -> mutate(random, VALID.getBytes(StandardCharsets.UTF_8));
            case 2 -> soup(random, ",;\t|\"\r\n a1+", random.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
            case 3 -> withBom(random);
            case 4 -> truncatedQuote(random);
            case 5 -> random.nextInt(10) == 0 ? hugeField(random) : truncatedQuote(random); // huge ones are slow
            case 6 -> random.nextInt(20) == 0 ? longLine(random) : mutate(random, windows1252(random));
            case 7 -> windows1252(random);
            case 8 -> unicodeCsv(random).getBytes(StandardCharsets.UTF_8);
            default -> mutate(random, mutate(random, unicodeCsv(random).getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Flips, inserts, deletes and duplicates bytes, cuts the end. */
    private static byte[] mutate(Random random, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] interesting = {'"', ',', ';', '\t', '\r', '\n', 0, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xFF};
        for (int i = 0; i < input.length; i++) {
            int roll = random.nextInt(100);
            if (roll < 3) {
                out.write(interesting[random.nextInt(interesting.length)]);
            } else if (roll < 5) {
                continue; // deleted
            } else if (roll < 6) {
                out.write(input, i, Math.min(input.length - i, random.nextInt(40))); // duplicated run
            }
            out.write(roll < 8 ? input[i] ^ (1 << random.nextInt(8)) : input[i]);
        }
        byte[] bytes = out.toByteArray();
        return random.nextInt(4) == 0 ? Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)) : bytes;
    }

    private static String soup(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String randomText(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                s.append((char) ('a' + random.nextInt(26)));
            } else if (kind < 7) {
                s.append(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
            } else if (kind < 8) {
                s.appendCodePoint(0x1F600 + random.nextInt(80)); // emoji
            } else if (kind < 9) {
                s.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
            } else {
                s.appendCodePoint(random.nextInt(0x3000));
            }
        }
        return s.toString();
    }

    private static String unicodeCsv(Random random) {
        StringBuilder csv = new StringBuilder();
        int columns = 1 + random.nextInt(8);
        String[] headers = {"name", "Phone", "E-mail", "Tags", "Téléphone", "Whatsapp", "Notes", "Phone 1 - Value"};
        for (int c = 0; c < columns; c++) {
            csv.append(c > 0 ? "," : "").append(headers[random.nextInt(headers.length)]);
        }
        csv.append(random.nextBoolean() ? "\r\n" : "\n");
        for (int r = 0; r < random.nextInt(30); r++) {
            for (int c = 0; c < columns + random.nextInt(3) - 1; c++) {
                String cell = random.nextInt(3) == 0 ? "+234803" + random.nextInt(10_000_000) : randomText(random, 12);
                csv.append(c > 0 ? "," : "")
                        .append(random.nextBoolean() ? cell : '"' + cell.replace("\"", "\"\"") + '"');
            }
            csv.append(random.nextBoolean() ? "\r\n" : "\n");
        }
        return csv.toString();
    }

    /** A byte order mark, followed by text in its encoding or (a lie) in another. */
    private static byte[] withBom(Random random) {
        String text = unicodeCsv(random);
        return switch (random.nextInt(5)) {
            case 0 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
            case 1 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
            case 2 -> concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
            case 3 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_8));
            default -> {
                byte[] odd = text.getBytes(StandardCharsets.UTF_16LE); // cut mid-character
                yield concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, Arrays.copyOf(odd, odd.length | 1));
            }
        };
    }

    private static byte[] truncatedQuote(Random random) {
        String csv = unicodeCsv(random) + "Eve,\"+2348031234567\n" + soup(random, "ab,\r\n", random.nextInt(200));
        return csv.substring(0, random.nextInt(csv.length() + 1)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hugeField(Random random) {
        int size = 100_000 + random.nextInt(1_200_000);
        StringBuilder csv = new StringBuilder(size + 100).append("name,phone,notes\nAda,+2348031234567,");
        boolean quoted = random.nextBoolean();
        csv.append(quoted ? "\"" : "");
        csv.append(soup(random, "ab ,\n", size));
        if (random.nextBoolean()) {
            csv.append(quoted ? "\"" : "").append("\nBob,+2348031234568,x\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longLine(Random random) {
        byte[] line = new byte[CsvParser.MAX_RECORD_CHARS + random.nextInt(200_000)];
        Arrays.fill(line, (byte) (random.nextBoolean() ? ',' : 'x'));
        return line;
    }

    private static byte[] windows1252(Random random) {
        byte[] bytes = unicodeCsv(random).getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length / 10; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code size} bytes of 'a' made up as they are read, counting how many were handed out. */
    private static final class CountingStream extends InputStream {
        private final long size;
        long served;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - served);
            Arrays.fill(b, off, off + n, (byte) 'a');
            served += n;
            return n;
        }
    }

    @Test
    void theGeneratorIsDeterministic() {
        assertThat(generate(new Random(7))).isEqualTo(generate(new Random(7)));
    }
}

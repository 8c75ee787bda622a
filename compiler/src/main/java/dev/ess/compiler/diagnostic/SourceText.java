package dev.ess.compiler.diagnostic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads an input file as UTF-8 text; a file that is not says where its first bad byte is. */
public final class SourceText {

    /** Thrown when a file is not UTF-8 text, with the 1-based line and column of the first bad byte. */
    public static final class NotUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Position position;

        NotUtf8Exception(Position position, int badByte) {
            super(String.format(Locale.ROOT, "not UTF-8 text (byte 0x%02X)", badByte & 0xff));
            this.position = position;
        }

        public Position position() {
            return position;
        }
    }

    private SourceText() {}

    /**
     * The file's text, without a leading byte-order mark.
     *
     * @throws NotUtf8Exception when it is not UTF-8
     * @throws java.nio.file.NoSuchFileException when it does not exist
     */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer output = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(input, output, true);
        if (result.isError()) {
            output.flip();
            throw new NotUtf8Exception(positionAt(file, output.toString(), output.length()), bytes[input.position()]);
        }
        decoder.flush(output);
        String text = output.flip().toString();
        // A byte-order mark (as .NET and Notepad write them) is not part of the text.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The 1-based line and column of a character index in a text. */
    public static Position positionAt(Path file, String text, int index) {
        int line = 1;
        int lineStart = 0;
        int end = Math.max(0, Math.min(index, text.length()));
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(file, line, end - lineStart + 1);
    }
}

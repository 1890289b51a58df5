import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.activation.DataHandler;
import javax.activation.DataSource;

/**
 * The attachments of the corpus's attachments.wsdl as the JAX-WS programs send and report them:
 * a {@link DataHandler} of bytes with a media type, and one received as JSON
 * ({@code {"type", "data"}}, the data base64).
 */
final class Attachments {
    private Attachments() {}

    /** Bytes no text encoding survives: every byte value, CR LF pairs, a fake delimiter. */
    static byte[] payload(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 37 % 256);
        }
        byte[] trap = "\r\n--uuid:not-the-boundary\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(trap, 0, bytes, 10, trap.length);
        return bytes;
    }

    /** A DataHandler of {@code bytes} as {@code type}. */
    static DataHandler of(byte[] bytes, String type) {
        return new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public OutputStream getOutputStream() throws IOException {
                throw new IOException("read-only");
            }

            @Override
            public String getContentType() {
                return type;
            }

            @Override
            public String getName() {
                return "bytes";
            }
        });
    }

    /** What a DataHandler holds, as JSON: its media type and its bytes (base64). */
    static Json.Raw json(DataHandler handler) {
        if (handler == null) {
            return new Json.Raw("null");
        }
        try (InputStream in = handler.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
            return new Json.Raw(Json.object("type", handler.getContentType(), "data", out.toByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

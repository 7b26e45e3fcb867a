package org.nta.cli;

import org.nta.app.AppConfig;
import org.nta.app.http.HttpConfig;
import org.nta.bytes.Anomaly;
import org.nta.engine.EngineConfig;
import org.nta.reassembly.ReassemblyConfig;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The limits of stream reassembly and HTTP parsing, for every command that reassembles streams. An option not given
 * leaves the command's own default; the limits a run reached are named on stderr with the option that raises them
 * ({@link Captures#exitCode(org.nta.pipeline.CaptureSummary, java.io.PrintWriter, LimitOptions)}).
 */
final class LimitOptions {
    @Option(names = "--max-stream-bytes", paramLabel = "SIZE", converter = Sizes.LongSize.class,
            description = "Bytes reassembled per direction of a TCP connection (default 256 MiB); the rest is not analysed.")
    Long streamBytes;

    @Option(names = "--max-ooo-bytes", paramLabel = "SIZE", converter = Sizes.IntSize.class,
            description = "Out-of-order bytes buffered per direction while waiting for a missing segment (default 1 MiB).")
    Integer oooBytes;

    @Option(names = "--max-ooo-segments", paramLabel = "N", converter = Sizes.Count.class,
            description = "Out-of-order segments buffered per direction (default 256).")
    Integer oooSegments;

    @Option(names = "--memcap", paramLabel = "SIZE", converter = Sizes.LongSize.class,
            description = "Out-of-order bytes buffered across all connections (default 64 MiB).")
    Long memcap;

    @Option(names = "--max-header-bytes", paramLabel = "SIZE", converter = Sizes.IntSize.class,
            description = "Start line and headers of one HTTP message (default 64 KiB); a longer message is dropped.")
    Integer headerBytes;

    @Option(names = "--max-body-bytes", paramLabel = "SIZE", converter = Sizes.IntSize.class,
            description = "Decoded HTTP body bytes kept per message (default 64 KiB for http and analyze, 1 MiB for the others); "
                    + "the length of a longer body is still counted, and it is flagged truncated.")
    Integer bodyBytes;

    @Option(names = "--max-decompressed-bytes", paramLabel = "SIZE", converter = Sizes.LongSize.class,
            description = "Output of one HTTP body's Content-Encoding (gzip, deflate, br) decoded (default 64 MiB).")
    Long decompressedBytes;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The configs the run used, for the report. */
    private EngineConfig engine = EngineConfig.DEFAULTS;
    private HttpConfig http = AppConfig.all().httpConfig();

    /** {@code base} with the reassembly options given. */
    EngineConfig engine(EngineConfig base) {
        ReassemblyConfig r = base.reassembly();
        if (streamBytes != null) r = r.withDepth(streamBytes);
        if (oooBytes != null || oooSegments != null) {
            r = r.withMaxOoo(oooBytes != null ? oooBytes : r.maxOooBytes(), oooSegments != null ? oooSegments : r.maxOooSegments());
        }
        if (memcap != null) r = r.withMemcap(memcap);
        engine = base.withReassembly(r);
        return engine;
    }

    /** {@code base} with the HTTP options given. */
    HttpConfig http(HttpConfig base) {
        HttpConfig h = base;
        if (headerBytes != null) h = h.withMaxHeaderBytes(headerBytes);
        if (bodyBytes != null) h = h.withMaxBodyBytes(bodyBytes);
        if (decompressedBytes != null) h = h.withMaxDecompressedBytes(decompressedBytes);
        http = h;
        return h;
    }

    /** {@code base} with its HTTP limits set from the options. */
    AppConfig app(AppConfig base) {
        return base.withHttp(http(base.httpConfig()));
    }

    /** "raise --OPTION, now VALUE" for a limit this command has an option for, else null. */
    String hint(Anomaly kind) {
        ReassemblyConfig r = engine.reassembly();
        return switch (kind) {
            case TCP_DEPTH_REACHED -> raise("--max-stream-bytes", Sizes.format(r.depth()));
            case TCP_OOO_LIMIT -> raise("--max-ooo-bytes", Sizes.format(r.maxOooBytes())) + ", or --max-ooo-segments, now "
                    + r.maxOooSegments();
            case TCP_MEMCAP -> raise("--memcap", Sizes.format(r.memcap()));
            case HTTP_HEADER_TOO_LONG -> raise("--max-header-bytes", Sizes.format(http.maxHeaderBytes()));
            case HTTP_BODY_TRUNCATED -> raise("--max-body-bytes", Sizes.format(http.maxBodyBytes()));
            case HTTP_DECOMPRESS_LIMIT -> raise("--max-decompressed-bytes", Sizes.format(http.maxDecompressedBytes()));
            case HTTP_FILE_TRUNCATED -> command != null && command.findOption("--max-file-bytes") != null
                    ? raise("--max-file-bytes", Sizes.format(http.maxFileBytes())) : null;
            default -> null;
        };
    }

    private static String raise(String option, String now) {
        return "raise " + option + ", now " + now;
    }
}

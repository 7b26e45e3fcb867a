package org.nta.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.nta.capture.CaptureException;
import org.nta.capture.CaptureSource;
import org.nta.decode.Packet;
import org.nta.pipeline.CaptureSummary;
import org.nta.engine.Engine;
import org.nta.engine.EngineConfig;
import org.nta.pipeline.PacketSink;
import org.nta.filter.DisplayFilter;
import org.nta.filter.Field;
import org.nta.filter.FieldFormat;
import org.nta.filter.FieldRegistry;
import org.nta.app.AppConfig;
import org.nta.app.AppDispatcher;
import org.nta.filter.FilterException;
import org.nta.filter.PacketView;
import org.nta.flow.Flow;
import org.nta.report.Json;
import org.nta.report.TimeFormat;

import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** tshark's packet list: one line per frame, or chosen fields, of the frames a display filter selects. */
@Command(name = "packets", mixinStandardHelpOptions = true,
        description = {"Frames as tshark lists them: number, time, source, destination, protocol, length and info; "
                + "or chosen fields (-T fields -e FIELD ...). -Y selects frames with a Wireshark display filter, "
                + "with Wireshark's field names and semantics. Times are relative to the first frame, as tshark shows "
                + "them, unless --time-format is given.",
                "Example: nta packets capture.pcap -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -c 5"})
final class PacketsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Capture file, or - for standard input.")
    String file;

    @Option(names = {"-Y", "--display-filter"}, paramLabel = "FILTER", description = "Wireshark display filter: only frames it selects are shown.")
    String filter;

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after showing N frames.")
    long count = -1;

    @Option(names = "-T", paramLabel = "FORMAT", description = "text (default), fields (tab-separated -e values) or json.")
    String format = "text";

    @Option(names = "-e", paramLabel = "FIELD", description = "A field to show (-T fields or json); repeat for several. Several values of one field are joined with commas.")
    List<String> fieldNames = new ArrayList<>();

    @Option(names = "-E", paramLabel = "OPTION", description = "Fields output: header=y|n, separator=/t|/s|CHAR, aggregator=,|/s|CHAR, quote=d|s|n.")
    List<String> fieldOptions = new ArrayList<>();

    @Mixin
    TimeOptions time;

    @Mixin
    LimitOptions limits;

    @Spec
    CommandSpec spec;

    /** Thrown from the sink to stop reading once -c frames were shown. */
    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super("enough frames", null, false, false);
        }
    }

    @Override
    public Integer call() {
        String fmt = format.toLowerCase();
        if (!List.of("text", "fields", "json").contains(fmt)) throw new CliError("unknown -T '" + format + "' (text, fields or json)", Main.EXIT_UNREADABLE);
        if (fmt.equals("fields") && fieldNames.isEmpty()) throw new CliError("-T fields needs at least one -e FIELD", Main.EXIT_UNREADABLE);
        if (fmt.equals("text") && !fieldNames.isEmpty()) throw new CliError("-e needs -T fields or -T json", Main.EXIT_UNREADABLE);
        FieldsLayout layout = FieldsLayout.parse(fieldOptions);
        boolean timeChosen = spec.commandLine().getParseResult().hasMatchedOption("--time-format");
        if (!timeChosen) time.format = TimeFormat.Mode.RELATIVE;
        ZoneId zone = time.tz;
        FieldRegistry registry = org.nta.filter.AppFields.all();
        DisplayFilter display = null;
        if (filter != null) {
            try {
                display = DisplayFilter.compile(filter, registry, zone);
            } catch (FilterException e) {
                throw new CliError(e.caretMessage(), Main.EXIT_UNREADABLE);
            }
        }
        List<Field> fields = new ArrayList<>();
        for (String name : fieldNames) {
            for (String n : name.split(",")) {
                Field f = registry.get(n.strip());
                if (f == null) throw new CliError("unknown field '" + n.strip() + "' for -e (a Wireshark field name NTA knows, e.g. ip.src)", Main.EXIT_UNREADABLE);
                fields.add(f);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        CaptureSummary summary = null;
        Output output;
        try (CaptureSource src = CaptureSource.open(file, false)) {
            // times at the capture's precision, as tshark shows them
            TimeFormat timeFormat = time.build(src.reader().tsPrecisionDigits());
            output = switch (fmt) {
                case "fields" -> new FieldsOutput(out, fields, new FieldFormat(zone), layout);
                case "json" -> new JsonOutput(out, fields, new FieldFormat(zone), timeFormat);
                default -> new TextOutput(out, timeFormat);
            };
            Sink sink = new Sink(display, output, count);
            try {
                summary = new Engine(limits.engine(EngineConfig.DEFAULTS)).run(src, List.of(sink), needsApp() ? new AppDispatcher(limits.app(AppConfig.all())) : null);
            } catch (Enough e) {
                // -c frames shown: the rest of the capture is not read
            }
        } catch (CaptureException e) {
            throw new CliError(e.getMessage(), Main.EXIT_UNREADABLE);
        }
        output.finish();
        out.flush();
        return summary == null ? Main.EXIT_OK : Captures.exitCode(summary, spec.commandLine().getErr(), limits);
    }

    /** Application parsing costs reassembly: run it only when the filter or a field names an application protocol. */
    private boolean needsApp() {
        StringBuilder all = new StringBuilder(filter == null ? "" : filter);
        for (String f : fieldNames) all.append(' ').append(f);
        return AppNeed.of(all.toString()) || format.equalsIgnoreCase("text");
    }

    private static final class Sink implements PacketSink {
        private final DisplayFilter filter;
        private final Output output;
        private final long limit;
        private final PacketView view = new PacketView();
        private final List<org.nta.event.Event> pending = new ArrayList<>();
        private final List<org.nta.event.Event> current = new ArrayList<>();
        private long shown;

        @Override
        public void onEvent(org.nta.event.Event e) {
            pending.add(e);
        }

        Sink(DisplayFilter filter, Output output, long limit) {
            this.filter = filter;
            this.output = output;
            this.limit = limit;
        }

        @Override
        public void onPacket(Packet p, Flow flow, boolean fromA) {
            if (limit >= 0 && shown >= limit) throw new Enough();
            current.clear();
            for (org.nta.event.Event e : pending) if (e.frame() == p.frame.number) current.add(e);
            pending.clear();
            view.next(p, flow, fromA).setEvents(current);
            if (filter != null && !filter.matches(view)) return;
            output.frame(view);
            shown++;
            if (limit >= 0 && shown >= limit) throw new Enough();
        }
    }

    private interface Output {
        void frame(PacketView v);

        default void finish() {
        }
    }

    /** tshark's default one-line view. */
    private static final class TextOutput implements Output {
        private final PrintWriter out;
        private final TimeFormat time;

        TextOutput(PrintWriter out, TimeFormat time) {
            this.out = out;
            this.time = time;
        }

        @Override
        public void frame(PacketView v) {
            Packet p = v.packet();
            String[] pi = PacketLine.summary(v);
            String proto = pi[0], info = pi[1];
            out.printf("%5d %10s %15s → %-15s %-6s %4d %s%n", v.frame().number, time.format(v.frame().epochNanos(), v.captureStartNs()),
                    PacketLine.source(p), PacketLine.destination(p), proto, v.frame().origLen, info);
        }
    }

    /** -E options of -T fields. */
    record FieldsLayout(boolean header, String separator, String aggregator, char quote) {
        static FieldsLayout parse(List<String> options) {
            boolean header = false;
            String sep = "\t", agg = ",";
            char quote = 0;
            for (String o : options) {
                int eq = o.indexOf('=');
                if (eq < 0) throw new CliError("-E needs KEY=VALUE, not '" + o + "'", Main.EXIT_UNREADABLE);
                String k = o.substring(0, eq), v = o.substring(eq + 1);
                switch (k) {
                    case "header" -> header = v.equals("y");
                    case "separator" -> sep = v.equals("/t") ? "\t" : v.equals("/s") ? " " : v;
                    case "aggregator" -> agg = v.equals("/s") ? " " : v;
                    case "quote" -> quote = switch (v) {
                        case "d" -> '"';
                        case "s" -> '\'';
                        case "n" -> 0;
                        default -> throw new CliError("-E quote is d, s or n", Main.EXIT_UNREADABLE);
                    };
                    default -> throw new CliError("unknown -E option '" + k + "' (header, separator, aggregator, quote)", Main.EXIT_UNREADABLE);
                }
            }
            return new FieldsLayout(header, sep, agg, quote);
        }
    }

    /** -T fields: one line per frame, the -e fields separated by tabs, several values joined by commas. */
    private static final class FieldsOutput implements Output {
        private final PrintWriter out;
        private final List<Field> fields;
        private final FieldFormat format;
        private final FieldsLayout layout;

        FieldsOutput(PrintWriter out, List<Field> fields, FieldFormat format, FieldsLayout layout) {
            this.out = out;
            this.fields = fields;
            this.format = format;
            this.layout = layout;
            if (layout.header()) {
                List<String> names = new ArrayList<>();
                for (Field f : fields) names.add(f.name());
                out.println(String.join(layout.separator(), names));
            }
        }

        @Override
        public void frame(PacketView v) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) sb.append(layout.separator());
                String value = String.join(layout.aggregator(), format.values(fields.get(i), v));
                if (layout.quote() != 0) sb.append(layout.quote()).append(value).append(layout.quote());
                else sb.append(value);
            }
            out.println(sb);
        }
    }

    /** -T json: an array with one object per frame (the summary columns, or the -e fields as arrays of strings). */
    private static final class JsonOutput implements Output {
        private final JsonGenerator json;
        private final List<Field> fields;
        private final FieldFormat format;
        private final TimeFormat time;

        JsonOutput(PrintWriter out, List<Field> fields, FieldFormat format, TimeFormat time) {
            this.fields = fields;
            this.format = format;
            this.time = time;
            try {
                this.json = Json.mapper().getFactory().createGenerator(out).useDefaultPrettyPrinter();
                json.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void frame(PacketView v) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (fields.isEmpty()) {
                Packet p = v.packet();
                m.put("number", v.frame().number);
                m.put("time", time.format(v.frame().epochNanos(), v.captureStartNs()));
                m.put("source", PacketLine.source(p));
                m.put("destination", PacketLine.destination(p));
                String[] pi = PacketLine.summary(v);
                m.put("protocol", pi[0]);
                m.put("length", v.frame().origLen);
                m.put("info", pi[1]);
            } else {
                for (Field f : fields) {
                    List<String> values = format.values(f, v);
                    if (!values.isEmpty()) m.put(f.name(), values);
                }
            }
            try {
                json.writeObject(m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish() {
            try {
                json.writeEndArray();
                json.writeRaw('\n');
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

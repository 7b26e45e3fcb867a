package org.nta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** --tz and --time-format on the times info and conversations show; bad values are refused before any reading. */
class TimeOptionsTest {
    static final String SAMPLE = BadInputTest.SAMPLE.toString();
    static final String SHELL = "tcp.port == 4422";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                          | 2026-11-28 07:27:36.901637+00:00 | 2026-11-28 07:28:04.553666+00:00",
            "--tz=UTC                    | 2026-11-28 07:27:36.901637+00:00 | 2026-11-28 07:28:04.553666+00:00",
            "--tz=Europe/Paris           | 2026-11-28 08:27:36.901637+01:00 | 2026-11-28 08:28:04.553666+01:00",
            "--tz=+05:30                 | 2026-11-28 12:57:36.901637+05:30 | 2026-11-28 12:58:04.553666+05:30",
            "--time-format=absolute      | 2026-11-28 07:27:36.901637+00:00 | 2026-11-28 07:28:04.553666+00:00",
            "--time-format=relative      | 0.000000                         | 27.652029",
            "--time-format=epoch         | 1795850856.901637                | 1795850884.553666"})
    void infoShowsFirstAndLastPacketInTheChosenForm(String option, String first, String last) {
        CliRun r = option.isEmpty() ? CliRun.of("info", SAMPLE) : CliRun.of("info", option, SAMPLE);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("First packet:       " + first + "\n").contains("Last packet:        " + last + "\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                     | 2026-11-28 07:27:58.201910+00:00",
            "--tz=Asia/Kolkata      | 2026-11-28 12:57:58.201910+05:30",
            "--time-format=relative | 21.300273",
            "--time-format=epoch    | 1795850878.201910"})
    void conversationsShowTheStartInTheChosenForm(String option, String start) {
        CliRun r = option.isEmpty() ? CliRun.of("conversations", "--type", "tcp", "-Y", SHELL, SAMPLE)
                : CliRun.of("conversations", "--type", "tcp", "-Y", SHELL, option, SAMPLE);
        assertThat(r.exit()).isZero();
        String row = r.out().lines().filter(l -> l.startsWith("10.251.96.5 ")).findFirst().orElseThrow();
        assertThat(row).contains("  " + start + "    5.7766    1740  SF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "conversations", "packets", "http", "dns", "tls", "analyze", "follow"})
    void badValuesAreRefusedBeforeTheCaptureIsRead(String command) {
        for (List<String> bad : List.of(List.of("--tz", "Mars/Olympus"), List.of("--time-format", "sideways"))) {
            List<String> args = new java.util.ArrayList<>(List.of(command, bad.get(0), bad.get(1), SAMPLE));
            if (command.equals("follow")) args.addAll(List.of("--stream", "0"));
            CliRun r = CliRun.of(args.toArray(new String[0]));
            assertThat(r.exit()).as("%s %s", command, bad).isEqualTo(2);
            assertThat(r.out()).as("nothing on stdout: %s %s", command, bad).isEmpty();
            assertThat(r.err()).as("%s %s", command, bad).startsWith("nta: ").contains(bad.get(1)).doesNotContain("Exception");
        }
    }
}

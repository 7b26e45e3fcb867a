package org.nta.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nta.bytes.Anomaly;
import org.nta.bytes.AnomalyCounter;

class MimeParserTest {
    private final AnomalyCounter anomalies = new AnomalyCounter();

    private MimeParser.Parsed parse(String m, MailConfig c) {
        byte[] b = m.getBytes(StandardCharsets.UTF_8);
        return MimeParser.parse(b, b.length, c, anomalies, 7);
    }

    private MimeParser.Parsed parse(String m) {
        return parse(m, MailConfig.DEFAULTS);
    }

    @Test
    void foldedHeadersAreUnfolded() {
        MimeParser.Parsed p = parse("Subject: one\r\n two\r\n\tthree\r\nTo: a@b\r\n\r\nbody");
        assertThat(p.first("subject")).isEqualTo("one two\tthree");
        assertThat(p.first("TO")).isEqualTo("a@b");
        assertThat(p.attachments()).isEmpty();
    }

    @Test
    void nestedMultipartWithEncodings() {
        String m = "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=\"in ner\"\r\n\r\n"
                + "--in ner\r\nContent-Type: text/plain\r\n\r\nplain\r\n--in ner\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--in ner--\r\n"
                + "--outer\r\nContent-Type: text/plain; name=\"=?utf-8?Q?caf=C3=A9.txt?=\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "caf=C3=A9 =3D soft=\r\n break\r\n"
                + "--outer\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=UTF-8''%E2%82%AC.bin\r\n"
                + "Content-Transfer-Encoding: BASE64\r\n\r\nAAEC\r\nAwQ=\r\n"
                + "--outer--\r\nepilogue\r\n";
        List<MimeParser.Attachment> a = parse(m).attachments();
        assertThat(a).extracting(MimeParser.Attachment::name).containsExactly("café.txt", "€.bin");
        assertThat(new String(a.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("café = soft break");
        assertThat(a.get(1).bytes()).containsExactly(0, 1, 2, 3, 4);
        assertThat(a.get(1).declaredType()).isEqualTo("application/octet-stream");
        assertThat(anomalies.total()).isZero();
    }

    @Test
    void attachedMessageIsAFileAndSoAreItsAttachments() {
        String inner = "Subject: inner\r\nContent-Type: multipart/mixed; boundary=i\r\n\r\n--i\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                + "--i\r\nContent-Disposition: attachment; filename=run.sh\r\n\r\necho hi\r\n--i--\r\n";
        String m = "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\nsee\r\n"
                + "--o\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + inner + "--o--\r\n";
        List<MimeParser.Attachment> a = parse(m).attachments();
        assertThat(a).extracting(MimeParser.Attachment::name).containsExactly("inner.eml", "run.sh");
        assertThat(new String(a.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("echo hi");
    }

    @Test
    void badBase64AndQuotedPrintableAreCountedAndDecodedAsFarAsTheyGo() {
        String m = "Content-Type: multipart/mixed; boundary=o\r\n\r\n"
                + "--o\r\nContent-Disposition: attachment; filename=a\r\nContent-Transfer-Encoding: base64\r\n\r\nAA!!EC*\r\n"
                + "--o\r\nContent-Disposition: attachment; filename=b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZok=4\r\n"
                + "--o--\r\n";
        List<MimeParser.Attachment> a = parse(m).attachments();
        assertThat(a.get(0).bytes()).containsExactly(0, 1, 2);
        assertThat(new String(a.get(1).bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("=ZZok=4");
        assertThat(anomalies.count(Anomaly.MAIL_BASE64_INVALID)).isEqualTo(1);
        assertThat(anomalies.count(Anomaly.MAIL_QP_INVALID)).isEqualTo(1);
    }

    @Test
    void depthAndPartLimits() {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 30; i++) m.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        m.append("Content-Disposition: attachment; filename=deep\r\n\r\nx\r\n");
        parse(m.toString());
        assertThat(anomalies.count(Anomaly.MAIL_MIME_DEPTH_LIMIT)).isEqualTo(1);

        StringBuilder many = new StringBuilder("Content-Type: multipart/mixed; boundary=z\r\n\r\n");
        for (int i = 0; i < 40; i++) many.append("--z\r\nContent-Disposition: attachment; filename=f").append(i).append("\r\n\r\nx\r\n");
        many.append("--z--\r\n");
        List<MimeParser.Attachment> a = parse(many.toString(), new MailConfig(1024, 1 << 20, 1 << 20, 4, 10, 8, 8)).attachments();
        assertThat(a).hasSize(10);
        assertThat(anomalies.count(Anomaly.MAIL_MIME_PART_LIMIT)).isEqualTo(1);
        assertThat(Anomaly.MAIL_MIME_PART_LIMIT.isLimit()).isTrue();
    }

    @Test
    void unclosedMultipartKeepsItsLastPart() {
        List<MimeParser.Attachment> a = parse("Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Disposition: attachment; filename=cut\r\n\r\nhalf a fi").attachments();
        assertThat(a).singleElement().satisfies(x -> assertThat(new String(x.bytes(), StandardCharsets.UTF_8)).isEqualTo("half a fi"));
        assertThat(anomalies.count(Anomaly.MAIL_MIME_MALFORMED)).isEqualTo(1);
    }

    @Test
    void encodedWords() {
        assertThat(MailCodecs.decodeWords("=?utf-8?B?R3LDvMOfZQ==?= =?ISO-8859-1?Q?_=FCber?= x")).isEqualTo("Grüße über x");
        assertThat(MailCodecs.decodeWords("plain =?bogus-charset?Q?a_b?= end")).isEqualTo("plain a b end");
        assertThat(MailCodecs.decodeWords("=?utf-8?X?abc?=")).isEqualTo("=?utf-8?X?abc?=");
        assertThat(MailCodecs.decodeWords("broken =?utf-8?B?")).isEqualTo("broken =?utf-8?B?");
        assertThat(MailCodecs.decodeWords(null)).isNull();
    }
}

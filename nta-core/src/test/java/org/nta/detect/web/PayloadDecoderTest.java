package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadDecoderTest {
    private static PayloadDecoder.Decoded d(String s) {
        return PayloadDecoder.decode(s, true, 4);
    }

    @Test
    void percentAndPlusOnce() {
        PayloadDecoder.Decoded x = d("admin%27+OR+%271%27%3D%271");
        assertThat(x.text()).isEqualTo("admin' OR '1'='1");
        assertThat(x.encodings()).containsExactly("url");
    }

    @Test
    void doubleAndTripleEncodingAreUndone() {
        assertThat(d("%252e%252e%252fetc%252fpasswd").text()).isEqualTo("../etc/passwd");
        assertThat(d("%252e%252e%252fetc%252fpasswd").encodings()).containsExactly("url", "double_url");
        assertThat(d("%25253Cscript%25253E").text()).isEqualTo("<script>");
        assertThat(d("%25253Cscript%25253E").encodings()).contains("multiple_url");
    }

    @Test
    void overlongUtf8BecomesAscii() {
        PayloadDecoder.Decoded x = d("..%c0%af..%c0%afetc%c0%afshadow");
        assertThat(x.text()).isEqualTo("../../etc/shadow");
        assertThat(x.encodings()).contains("overlong_utf8");
        assertThat(d("%e0%80%ae%e0%80%ae/").text()).isEqualTo("../");
    }

    @Test
    void iisPercentU() {
        assertThat(d("%u003cscript%u003e").text()).isEqualTo("<script>");
    }

    @Test
    void htmlEntitiesAndEscapes() {
        assertThat(d("&lt;img src=x onerror=alert(1)&gt;").text()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(d("&#60;script&#x3e;").text()).isEqualTo("<script>");
        assertThat(d("\\x3cscript\\u003e").text()).isEqualTo("<script>");
        assertThat(d("&notanentity; & more").text()).isEqualTo("&notanentity; & more");
    }

    @Test
    void plusIsLiteralInPaths() {
        assertThat(PayloadDecoder.decode("/a+b", false, 4).text()).isEqualTo("/a+b");
    }

    @Test
    void base64OfTextIsOffered() {
        // "cat /etc/passwd" and "' OR 1=1--" in base64
        assertThat(d("Y2F0IC9ldGMvcGFzc3dk").base64Text()).isEqualTo("cat /etc/passwd");
        assertThat(d("JyBPUiAxPTEtLQ%3d%3d").base64Text()).isEqualTo("' OR 1=1--");
    }

    @Test
    void wordsAndTokensAreNotBase64() {
        assertThat(d("password").base64Text()).isNull();
        assertThat(d("administrator").base64Text()).isNull();
        assertThat(d("d41d8cd98f00b204e9800998ecf8427e").base64Text()).isNull(); // hex session id
        assertThat(d("abc").base64Text()).isNull();
    }

    @Test
    void plainValuesAreUnchanged() {
        PayloadDecoder.Decoded x = d("hello world");
        assertThat(x.text()).isEqualTo("hello world");
        assertThat(x.changed()).isFalse();
    }

    @Test
    void invalidEscapesStay() {
        assertThat(d("100%").text()).isEqualTo("100%");
        assertThat(d("%zz%4").text()).isEqualTo("%zz%4");
    }
}

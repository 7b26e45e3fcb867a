package org.nta.detect.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nta.detect.Finding;

/**
 * Issue 11: XML request bodies (UPnP SOAP control, WS-Discovery metadata exchange, XML APIs) are read by their
 * values, so SOAP markup is not cross-site scripting, while a script in a SOAP string, a CDATA section, an XML tag or a
 * {@code javascript:} URL still is. The envelopes are those of the windows-noise-benign recording (miniupnpc 2.2.4
 * to miniupnpd 2.3.1, wsdd 0.7).
 */
class XmlBodyAttackTest {
    private final WebEvents ev = new WebEvents();
    private final WebAttackDetector d = new WebAttackDetector(WebConfig.DEFAULTS);

    static final String UPNP_UA = "Debian/12 UPnP/1.1 MiniUPnPc/2.2.4";
    static final String SOAP_ACTION = "\"urn:schemas-upnp-org:service:WANIPConnection:2#AddPortMapping\"";

    static String envelope(String action, String args) {
        return "<?xml version=\"1.0\"?>\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:" + action
                + " xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">" + args + "</u:" + action + "></s:Body></s:Envelope>\r\n";
    }

    static String addPortMapping(String description) {
        return envelope("AddPortMapping", "<NewRemoteHost></NewRemoteHost><NewExternalPort>27036</NewExternalPort>"
                + "<NewProtocol>TCP</NewProtocol><NewInternalPort>27036</NewInternalPort><NewInternalClient>172.31.238.10"
                + "</NewInternalClient><NewEnabled>1</NewEnabled><NewPortMappingDescription>" + description
                + "</NewPortMappingDescription><NewLeaseDuration>3600</NewLeaseDuration>");
    }

    private WebEvents.Req soap(String body) {
        return ev.req("POST", "/ctl/IPConn").from("172.31.238.10").to("172.31.238.1").ua(UPNP_UA)
                .header("SOAPAction", SOAP_ACTION).typed("text/xml; charset=\"utf-8\"", body);
    }

    @Test
    void upnpSoapExchangeWithItsEchoingAnswersIsNothing() {
        for (int i = 0; i < 43; i++) {
            String action = List.of("GetStatusInfo", "GetExternalIPAddress", "GetGenericPortMappingEntry").get(i % 3);
            String args = action.equals("GetGenericPortMappingEntry") ? "<NewPortMappingIndex>" + (i % 5) + "</NewPortMappingIndex>" : "";
            d.onEvent(soap(envelope(action, args)).answer(200, envelope(action + "Response", "<NewConnectionStatus>Connected</NewConnectionStatus>"))
                    .answerType("text/xml; charset=\"utf-8\"").tx());
        }
        d.onEvent(soap(addPortMapping("Steam")).answer(200, envelope("AddPortMappingResponse", "")).tx());
        d.onEvent(soap(envelope("DeletePortMapping", "<NewRemoteHost></NewRemoteHost><NewExternalPort>3074</NewExternalPort>"
                + "<NewProtocol>UDP</NewProtocol>")).answer(200, envelope("DeletePortMappingResponse", "")).tx());
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void wsDiscoveryMetadataGetAndXmlWithOrdinaryElementNamesAreNothing() {
        String get = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"><soap:Header><wsa:To>urn:uuid:e5e61fb5-d685-5b50-9ba7-"
                + "acb6e6962ef3</wsa:To><wsa:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</wsa:Action><wsa:ReplyTo>"
                + "<wsa:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:Address></wsa:ReplyTo>"
                + "</soap:Header><soap:Body /></soap:Envelope>";
        d.onEvent(ev.req("POST", "/e5e61fb5-d685-5b50-9ba7-acb6e6962ef3").ua("wsdd").typed("application/soap+xml", get)
                .answer(200, get).answerType("application/soap+xml").tx());
        // element names that are also HTML tag names, attributes that close right before the next tag
        d.onEvent(ev.req("POST", "/api/items").ua(WebEvents.CHROME).typed("application/xml",
                "<?xml version='1.0'?><items count='2'><object id='1'><meta name='colour'>red</meta><base>10</base></object>"
                        + "<object id='2' online='true'><math>1 &lt; 2</math></object></items>").answer(200, "ok").tx());
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void escapedScriptInASoapStringIsXss() {
        d.onEvent(soap(addPortMapping("&lt;script&gt;alert(document.cookie)&lt;/script&gt;"))
                .answer(200, "<p>Steam &lt;script&gt;</p>").tx());
        Finding f = only();
        Map<String, Object> s = sample(f);
        assertThat(s.get("location")).isEqualTo("xml");
        assertThat(s.get("parameter")).isEqualTo("newportmappingdescription");
        assertThat((String) s.get("decoded")).contains("<script>alert(document.cookie)</script>");
        assertThat(f.succeeded()).isFalse(); // the answer escapes it
    }

    @Test
    void scriptInCdataIsXssAndItsReflectionCounts() {
        d.onEvent(soap(addPortMapping("<![CDATA[<img src=x onerror=alert(1)>]]>"))
                .answer(200, "<html>Mapping <img src=x onerror=alert(1)> added</html>").answerType("text/html").tx());
        Finding f = only();
        assertThat(sample(f).get("decoded")).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(f.succeeded()).isTrue();
    }

    @Test
    void scriptElementsAndHandlersAsXmlMarkupAreXss() {
        d.onEvent(soap(addPortMapping("<script>alert(1)</script>")).answer(200, "ok").tx());
        d.onEvent(soap(addPortMapping("\"><svg/onload=alert(1)>")).answer(200, "ok").tx());
        d.onEvent(ev.req("POST", "/feed").ua(WebEvents.CHROME).typed("application/xml",
                "<item><iframe src=\"http://10.0.0.66/x\"></iframe></item>").answer(200, "ok").tx());
        List<Finding> fs = d.finish();
        assertThat(fs).extracting(f -> f.evidence().get("kinds")).allSatisfy(k -> assertThat(k).asList().contains("xss"));
        assertThat(fs.stream().mapToLong(f -> (Long) f.evidence().get("payload_requests")).sum()).isEqualTo(3);
    }

    @Test
    void xmlContentTypeWithAJavascriptUrlIsXss() {
        d.onEvent(ev.req("POST", "/profile").ua(WebEvents.CHROME).typed("text/xml",
                "<profile><homepage>javascript:alert(document.domain)</homepage></profile>").answer(200, "saved").tx());
        d.onEvent(ev.req("POST", "/profile").ua(WebEvents.CHROME).typed("text/xml",
                "<profile><link href='javascript:alert(1)'/></profile>").answer(200, "saved").tx());
        Finding f = only();
        assertThat(f.evidence().get("payload_requests")).isEqualTo(2L);
        assertThat(f.evidence().get("kinds")).asList().containsExactly("xss");
    }

    @Test
    void otherPayloadsInXmlStillCount() {
        // an XXE entity to a system file, a SQL injection in a SOAP string; an XML body sent without an XML type
        d.onEvent(ev.req("POST", "/api/order").ua("curl/7.88.1").typed("application/xml",
                "<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><order><id>&x;</id></order>")
                .answer(200, "ok").tx());
        d.onEvent(ev.req("POST", "/soap").ua("curl/7.88.1").header("SOAPAction", "\"urn:lookup\"").typed("text/plain",
                "<s:Envelope><s:Body><name>x' UNION SELECT password FROM users--</name></s:Body></s:Envelope>").answer(200, "ok").tx());
        Finding f = only();
        assertThat(f.evidence().get("kinds")).asList().contains("sqli", "path_traversal");
    }

    @Test
    void splitReadsTextCdataAttributesAndTags() {
        List<String> pieces = new ArrayList<>();
        XmlBodies.split("<?xml version=\"1.0\"?><a x=\"1&amp;2\" xmlns=\"urn:n\"><b>t&lt;</b><![CDATA[<c>]]><!-- note --></a>",
                (kind, name, text) -> pieces.add(kind + " " + name + " " + text));
        assertThat(pieces).containsExactly("TAG null <?xml version=\"1.0\"?>", "TAG null <a x=\"1&amp;2\" xmlns=\"urn:n\">",
                "TEXT a@x 1&amp;2", "TAG null <b>", "TEXT b t&lt;", "TAG null </b>", "TEXT b <c>", "TEXT b  note ", "TAG null </a>");
    }

    @Test
    void malformedAndHostileXmlEndsQuicklyWithoutAnException() {
        // truncations and byte flips of a SOAP envelope, unclosed CDATA, comments, quotes and DOCTYPEs, and floods of
        // '<', quotes and brackets: every piece comes from the body, the split always advances, nothing is thrown
        String soap = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x \"y\">]><s:Envelope xmlns:s=\"urn:s\" "
                + "s:encodingStyle='urn:e'><s:Body><u:Get xmlns:u=\"urn:u\"><a><![CDATA[<b>]]></a><!-- c --></u:Get>"
                + "</s:Body></s:Envelope>";
        java.util.Random rnd = new java.util.Random(11);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i <= soap.length(); i++) bodies.add(soap.substring(0, i));
        for (int i = 0; i < 2000; i++) {
            char[] c = soap.toCharArray();
            for (int k = 0; k < 3; k++) c[rnd.nextInt(c.length)] = "<>\"'[]!-?=/ &x".charAt(rnd.nextInt(14));
            bodies.add(new String(c));
        }
        int n = 64 * 1024;
        for (String unit : List.of("<", "<\"", "<!", "<![CDATA[", "<!--", "<a b='", "<!DOCTYPE [", "]]>", "<a\"<", "'>"))
            bodies.add(unit.repeat(n / unit.length()));
        long start = System.nanoTime();
        for (String body : bodies) {
            long[] chars = {0};
            XmlBodies.split(body, (kind, name, text) -> {
                assertThat(body).contains(text);
                chars[0] += text.length();
            });
            // text, attribute values and tags each come from the body once, plus attribute values again inside their tag
            assertThat(chars[0]).as(body.length() > 80 ? body.substring(0, 80) : body).isLessThanOrEqualTo(2L * body.length() + 2);
        }
        assertThat(System.nanoTime() - start).as("linear time").isLessThan(10_000_000_000L);
    }

    private Finding only() {
        List<Finding> fs = d.finish();
        assertThat(fs).hasSize(1);
        return fs.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sample(Finding f) {
        return ((List<Map<String, Object>>) f.evidence().get("samples")).get(0);
    }
}

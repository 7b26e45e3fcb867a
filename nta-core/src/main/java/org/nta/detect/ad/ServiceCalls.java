package org.nta.detect.ad;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.nta.app.dcerpc.DceRpcNames;
import org.nta.event.RpcCall;

/**
 * Which DCE/RPC calls run something on another host (T1569.002 service execution, T1053 scheduled tasks, T1112
 * remote registry changes), and how the lateral-movement finding describes them.
 */
final class ServiceCalls {
    private ServiceCalls() {}

    /** What kind of remote execution a call is: {@code service}, {@code task}, {@code registry}, or null. */
    static String kind(RpcCall c) {
        if (c.interfaceName() == null || c.operation() == null) return null;
        return switch (c.interfaceName()) {
            case "svcctl" -> switch (c.operation()) {
                case "CreateServiceW", "CreateServiceA", "CreateServiceWOW64W", "CreateServiceWOW64A", "StartServiceW",
                        "StartServiceA", "DeleteService" -> "service";
                case "ChangeServiceConfigW", "ChangeServiceConfigA" -> c.arg("binary_path") != null ? "service" : null;
                default -> null;
            };
            case "atsvc" -> c.operation().equals("JobAdd") ? "task" : null;
            case "ITaskSchedulerService" -> c.operation().equals("SchRpcRegisterTask") || c.operation().equals("SchRpcRun") ? "task" : null;
            case "winreg" -> c.operation().equals("SetValue") || c.operation().equals("CreateKey") ? "registry" : null;
            default -> null;
        };
    }

    /** Creates a service or a task, or changes what a service runs (not a start, delete or registry write). */
    static boolean creates(RpcCall c) {
        String op = c.operation();
        return op != null && (op.startsWith("CreateService") || op.startsWith("ChangeServiceConfig") || op.equals("JobAdd")
                || op.equals("SchRpcRegisterTask"));
    }

    /** The command line a call runs: a service's binary path, a job's or a task's command, or null. */
    static String command(RpcCall c) {
        String s = c.arg("binary_path");
        return s != null ? s : c.arg("command");
    }

    /** smbexec's service command: cmd /Q /c echo … redirected to a share (\\127.0.0.1\C$\__output), run and deleted. */
    static boolean smbexecStyle(String cmd) {
        if (cmd == null) return false;
        String s = cmd.toLowerCase(Locale.ROOT);
        return (s.contains("%comspec%") || s.contains("cmd.exe") || s.contains("cmd /")) && s.contains("/c")
                && (s.contains("__output") || s.contains("execute.bat") || s.contains("echo"));
    }

    /** The result as the evidence states it. */
    static String result(RpcCall c) {
        if (c.status() < 0) return c.encrypted() ? "unknown (sealed)" : "no answer";
        String name = DceRpcNames.status(c.status(), c.fault());
        return c.fault() ? "fault " + name : c.status() == 0 ? "success" : "refused " + name;
    }

    static Map<String, Object> describe(RpcCall c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", c.interfaceName());
        m.put("operation", c.operation());
        for (String k : new String[] {"service_name", "display_name", "binary_path", "command", "path", "key", "value_name", "value"}) {
            if (c.arg(k) != null) m.put(k, c.arg(k));
        }
        m.put("result", result(c));
        m.put("succeeded", c.status() >= 0 ? c.succeeded() : null);
        m.put("request_frame", c.requestFrame());
        m.put("response_frame", c.frame());
        m.put("stream", c.conn().stream());
        m.put("carrier", c.carrier());
        return m;
    }
}

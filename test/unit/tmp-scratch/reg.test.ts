import { it } from 'vitest';
import { parseRegisterLine } from '../../../server/src/core/sip/register-line';
it('dump', () => {
  for (const v of [
    'tcp://@host', '"user":"pw"@"host"', 'user@[2001:db8::1]:5070/100', 'user@host~abc', 'user@host~', 'user@host/',
    'peer?', '?user@host', 'user:pw:auth@host:abc', 'udpx://u@h', 'xyz://u@h', 'tcp:/x/u@h', 'a(b@c)d@host', 'user@dom:0::@host',
    'u\\@x@host', 'user@domain:5060:pw:auth:extra@host', 'u@h:5061/ext~60', 'tls://u@h:5070', '"a b"@h', ' user @ host ',
  ]) console.log(JSON.stringify(v), JSON.stringify(parseRegisterLine(v, 5)));
});

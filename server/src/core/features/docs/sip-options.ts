/**
 * Longer help for the chan_sip options people get wrong, on top of the
 * one-line catalogue of sip/options.ts (SIP_OPTION_VALUES: meaning, values,
 * default). Written for this project from chan_sip's behaviour (branch 20,
 * SPEC §4), with the pjsip.conf equivalent (SPEC §5) and version notes.
 */

export interface SipOptionDoc {
  /** Paragraph(s) of Markdown. */
  doc: string;
  /** What to write in pjsip.conf instead. */
  pjsip?: string;
  /** Meaning of individual values (lower case keys). */
  values?: Record<string, string>;
}

/** Shown under every chan_sip hover. */
export const CHAN_SIP_NOTE = 'chan_sip was deprecated in Asterisk 17 and removed in Asterisk 21: new systems use chan_pjsip (pjsip.conf).';

export const SIP_OPTION_DOCS: Readonly<Record<string, SipOptionDoc>> = {
  type: {
    doc: 'How chan_sip matches requests to this section. A **user** (or friend) is matched by the name in the From header; a **peer** (or friend) by the source IP address and port, and it is also what `Dial(SIP/name)` calls. A section without `type` (also through templates) is skipped with "Section lacks type"; an unknown value skips it too.',
    pjsip: 'an `endpoint` plus `identify_by` (username, ip) and an `identify` section for IP matching',
    values: {
      friend: 'both: matched by name (From user) and by IP; can be called with Dial(SIP/name). The usual choice for phones.',
      peer: 'matched by IP address (and port, see `insecure=port`); the usual choice for a provider (trunk).',
      user: 'matched by the From user only; cannot be called. Rarely needed.',
    },
  },
  host: {
    doc: '`dynamic`: the device registers and its address comes from the REGISTER. A name or IP: a fixed address (resolved by DNS, with SRV unless `port` is set). A DNS name that does not resolve makes chan_sip drop the peer at load.',
    pjsip: 'aor `max_contacts=1` for dynamic, or aor `contact=sip:host:port` for a fixed address',
    values: { dynamic: 'the address is learned from REGISTER; the device must register (with `secret`) before it can be called.' },
  },
  port: { doc: 'The device\'s SIP port (1–65535, default 5060). Setting it also turns off the DNS SRV lookup of `host`.', pjsip: 'part of the aor `contact` URI' },
  secret: {
    doc: 'The password the device must answer the digest challenge with, for calls and REGISTER. With `secret` (or `md5secret`) set, chan_sip challenges every request from the device — unless `insecure=invite`, which skips it for calls. Also used for outbound authentication when `remotesecret` is not set. Use long random passwords: SIP scanners guess weak ones within hours.',
    pjsip: '`auth` section: `auth_type=userpass`, `username`, `password`; endpoint `auth=`',
  },
  md5secret: {
    doc: 'The MD5 of `user:realm:secret` instead of the clear-text secret (realm is `[general] realm`, default `asterisk`). When both are set, md5secret wins.',
    pjsip: '`auth` section: `auth_type=md5`, `md5_cred`',
  },
  remotesecret: { doc: 'The password Asterisk uses when the *device* challenges Asterisk (outbound calls to a provider). Falls back to `secret`.', pjsip: 'an `auth` section referenced by endpoint `outbound_auth`' },
  defaultuser: {
    doc: 'The user part of the URI used to call the device before it has registered (together with `defaultip`), and the default authentication user for outbound calls.',
    pjsip: 'part of the aor `contact` URI',
  },
  username: { doc: 'The old name of `defaultuser`: chan_sip still reads it but logs a deprecation notice once. Write `defaultuser`.', pjsip: 'part of the aor `contact` URI' },
  fromuser: { doc: 'The user part of the From header on calls to this device (a provider often wants the account name here). Also the authentication user when no other is known.', pjsip: 'endpoint `from_user`' },
  fromdomain: { doc: 'The host part (and optional `:port`) of the From header on outbound calls.', pjsip: 'endpoint `from_domain`' },
  context: {
    doc: 'The dialplan context where calls *from* this device start. It decides what the device can reach: a provider\'s unauthenticated calls belong in a context that can only ring your phones, never one that can dial out. Without it, calls use `[general] context`, which defaults to `default`. chan_sip does not check that the context exists.',
    pjsip: 'endpoint `context`',
  },
  insecure: {
    doc: 'Relaxes how a **peer** is matched and authenticated. `port`: match by IP address alone, whatever the source port. `invite`: do not challenge calls (INVITE) from it — anyone who can send from that address (or spoof it, over UDP) can call into its context. Both: `port,invite`, the usual setting for a provider that sends calls from its servers. `no` (or empty): neither.',
    pjsip: 'an `identify` section matching the provider\'s IPs, and an endpoint **without** `auth=`',
    values: {
      port: 'match by IP address only (any source port).',
      invite: 'calls from this peer are not challenged: keep its context unable to dial out.',
      'port,invite': 'both: the usual setting for an ITSP that sends calls to you.',
      no: 'neither: match by IP and port, challenge calls.',
      very: 'Not special since Asterisk 1.6: chan_sip logs "Unknown insecure mode" and ignores it. In 1.4 it meant port,invite — write `insecure=port,invite`.',
      yes: 'Not special since Asterisk 1.6: an unknown word, ignored with a warning. In 1.4 it meant `port`.',
    },
  },
  nat: {
    doc: 'NAT handling. `force_rport`: answer to the source port (as if `;rport` were present). `comedia`: send media to where RTP comes from. `auto_force_rport` / `auto_comedia`: only when NAT is detected. Several can be combined: `force_rport,comedia` for phones behind NAT. `nat=yes` is deprecated (= force_rport,comedia); `no` turns everything off. Default: `auto_force_rport`.',
    pjsip: 'endpoint `rtp_symmetric`, `force_rport`, `rewrite_contact`',
    values: {
      no: 'no NAT handling at all.',
      yes: 'deprecated: means force_rport,comedia; chan_sip logs a warning.',
      force_rport: 'always reply to the source address and port.',
      comedia: 'send RTP to where the device\'s RTP comes from.',
      auto_force_rport: 'force_rport only when NAT is detected (the default).',
      auto_comedia: 'comedia only when NAT is detected.',
    },
  },
  qualify: {
    doc: 'Sends OPTIONS requests to check that the device answers; an unreachable device is marked UNREACHABLE and not called. `yes` uses 2000 ms (or `[general] qualify`), a number is the maximum round trip in ms, `no` (default) disables it. Qualify also keeps NAT bindings open.',
    pjsip: 'aor `qualify_frequency` (seconds)',
  },
  dtmfmode: {
    doc: 'How DTMF digits travel. `rfc2833` (default): RTP events, the common choice. `info`: SIP INFO requests. `shortinfo`: SIP INFO with the short format. `inband`: as audio tones (needs ulaw/alaw). `auto`: rfc2833 if the other side offers it, else inband.',
    pjsip: 'endpoint `dtmf_mode` (rfc4733 is rfc2833)',
  },
  directmedia: {
    doc: 'Whether Asterisk re-INVITEs two devices so that their RTP flows directly, bypassing Asterisk. `yes` (default), `no` (keep media through Asterisk — needed for recording, NAT, DTMF inband), `nonat` (only if neither is behind NAT), `update` (use UPDATE instead of INVITE), `outgoing` (only re-INVITE on outgoing calls, avoids glare).',
    pjsip: 'endpoint `direct_media` (plus `direct_media_method`, `disable_direct_media_on_nat`)',
  },
  canreinvite: { doc: 'The pre-1.6 name of `directmedia`; still read. Write `directmedia`.', pjsip: 'endpoint `direct_media`' },
  allow: {
    doc: 'Codecs to allow, in order of preference, separated with `,`: e.g. `disallow=all` then `allow=ulaw,alaw,g722`. Lines apply in order, so put `disallow=all` first. An unknown name makes chan_sip log "Codec configuration errors".',
    pjsip: 'endpoint `allow` (and `disallow`)',
  },
  disallow: { doc: 'Codecs to remove, usually `all` before `allow=` lines so that only the listed codecs remain.', pjsip: 'endpoint `disallow`' },
  allowguest: {
    doc: 'In `[general]`: whether calls from senders that match no section are accepted, as guests in `[general] context`. The default is **yes** — set `allowguest=no` unless you really want anonymous SIP calls, and keep `[general] context` harmless either way.',
    pjsip: 'an endpoint named `anonymous` (no endpoint = no guests)',
  },
  alwaysauthreject: {
    doc: 'In `[general]`: answer requests for unknown users exactly like a wrong password (401 then 403), so scanners cannot tell which names exist. Default yes; keep it.',
  },
  transport: {
    doc: 'Transports allowed for the device, separated with `,`: udp, tcp, tls, ws, wss. The first is used for outbound requests. TCP/TLS also need `tcpenable`/`tlsenable` in `[general]`.',
    pjsip: 'a `transport` section, and endpoint `transport=`',
  },
  permit: { doc: 'Network/mask (e.g. `192.168.1.0/255.255.255.0` or `/24`) allowed to use this device. After `deny=0.0.0.0/0.0.0.0`, only the permitted networks get through. A malformed entry makes chan_sip drop the whole peer.', pjsip: 'endpoint `permit`/`deny` or an `acl` section' },
  deny: { doc: 'Network/mask refused for this device; usually `deny=0.0.0.0/0.0.0.0` followed by `permit=` lines. A malformed entry makes chan_sip drop the whole peer.', pjsip: 'endpoint `deny` or an `acl` section' },
  callerid: { doc: 'Caller ID used for calls from this device, overriding what it sends: `"Name" <number>`.', pjsip: 'endpoint `callerid`' },
  mailbox: { doc: 'Voicemail box(es) whose message-waiting indication is sent to the device: `box[@context]`, several separated with `,`.', pjsip: 'aor `mailboxes`' },
  'call-limit': { doc: 'The maximum number of simultaneous calls for this device; setting it turns on call counting (also used for device state), and further calls are refused.', pjsip: 'endpoint `device_state_busy_at` (busy state) — pjsip has no hard limit; use GROUP_COUNT() in the dialplan' },
  register: {
    doc: 'Registers Asterisk with a provider so it knows where to send your calls: `[peer?][transport://]user[@domain][:secret[:authuser]]@host[:port][/extension][~expiry]`. The `/extension` is where the provider\'s calls for this account land (default `s`) — they enter the context of the peer they come from.',
    pjsip: 'a `registration` section (server_uri, client_uri, outbound_auth, contact_user)',
  },
  defaultip: { doc: 'The IP used to call a `host=dynamic` device before it has registered.', pjsip: 'aor `contact`' },
  callbackextension: { doc: 'Makes chan_sip register to this peer and sends its calls for this user to this extension — a shortcut for a `register =>` line built from the peer.', pjsip: 'a `registration` section with `contact_user`' },
  subscribecontext: { doc: 'The context whose hints answer SUBSCRIBE requests (BLF) from this device.', pjsip: 'endpoint `subscribe_context`' },
  language: { doc: 'Prompt language for calls from this device (sounds/<lang>/...).', pjsip: 'endpoint `language`' },
  accountcode: { doc: 'Account code written to the CDRs of this device\'s calls.', pjsip: 'endpoint `accountcode`' },
  callgroup: { doc: 'Call groups (0–63) this device belongs to; a device whose `pickupgroup` includes one of them can pick up its ringing calls with `*8`.', pjsip: 'endpoint `call_group`' },
  pickupgroup: { doc: 'Groups (0–63) of ringing calls this device may pick up.', pjsip: 'endpoint `pickup_group`' },
  setvar: { doc: 'Sets a channel variable on every call from or to this device: `setvar=NAME=value`.', pjsip: 'endpoint `set_var`' },
  encryption: { doc: 'Offer and require SRTP for media (needs TLS signalling to protect the keys).', pjsip: 'endpoint `media_encryption=sdes`' },
  trustrpid: { doc: 'Trust Remote-Party-ID / P-Asserted-Identity headers from this device (only for trusted devices such as your provider).', pjsip: 'endpoint `trust_id_inbound`' },
  sendrpid: { doc: 'Send Remote-Party-ID (`yes`/`rpid`) or P-Asserted-Identity (`pai`) headers to this device.', pjsip: 'endpoint `send_pai` / `send_rpid`' },
  allowoverlap: { doc: 'Overlap dialing: a number that could still become a longer match gets "484 Address Incomplete". Default yes; `dtmf` collects further digits as DTMF.', pjsip: 'endpoint `allow_overlap`' },
  videosupport: { doc: 'Allow video (the codecs must be allowed too).', pjsip: 'endpoint `allow` with video codecs' },
  outboundproxy: { doc: 'Send all requests through this proxy: `[transport://]host[:port][,force]`.', pjsip: 'endpoint `outbound_proxy`' },
  bindaddr: { doc: 'In `[general]`: the address (and port) chan_sip listens on for UDP.', pjsip: 'a `transport` section `bind`' },
  udpbindaddr: { doc: 'In `[general]`: the address (and port) chan_sip listens on for UDP.', pjsip: 'a `transport` section `bind`' },
  externaddr: { doc: 'In `[general]`: the public IP[:port] written into SIP and SDP for devices outside `localnet` (Asterisk behind NAT).', pjsip: 'transport `external_signaling_address` / `external_media_address`' },
  externip: { doc: 'The old name of `externaddr`.', pjsip: 'transport `external_signaling_address`' },
  localnet: { doc: 'In `[general]`: networks that are local (not behind the NAT); several lines allowed.', pjsip: 'transport `local_net`' },
  srvlookup: { doc: 'In `[general]`: look up DNS SRV records for outbound calls to host names.' },
  realm: { doc: 'In `[general]`: the realm of the digest challenges (default `asterisk`); md5secret values depend on it.', pjsip: 'auth `realm`' },
  useragent: { doc: 'In `[general]`: the User-Agent header. Changing it from "Asterisk PBX" does not stop scanners that try every address.' },
  tcpenable: { doc: 'In `[general]`: listen for SIP over TCP.', pjsip: 'a `transport` with `protocol=tcp`' },
  tlsenable: { doc: 'In `[general]`: listen for SIP over TLS (with tlscertfile etc.).', pjsip: 'a `transport` with `protocol=tls`' },
  defaultexpiry: { doc: 'In `[general]`: registration expiry in seconds when not requested (also for `register =>` lines without `~expiry`).', pjsip: 'aor `default_expiration`' },
  auth: { doc: 'In `[authentication]`: credentials for a realm, used when a remote side challenges Asterisk: `user:secret@realm` or `user#md5secret@realm`.', pjsip: 'an `auth` section' },
};

/** The parts of a `register =>` line. */
export const REGISTER_FIELD_DOCS: Readonly<Record<string, string>> = {
  peer: 'The `peer?` prefix: a sip.conf peer whose settings (outbound proxy, transport, …) are used for this registration.',
  transport: 'The transport (`udp://`, `tcp://`, `tls://`); only the first three letters count. Default udp.',
  user: 'The account name: the user part of the From/To of the REGISTER.',
  domain: 'The domain of the account (`user@domain`), when it differs from the registrar host.',
  domainPort: 'The port of the account domain (`user@domain:port:secret:authuser@host` form).',
  secret: 'The password of the account (shown masked).',
  authuser: 'The authentication user, when it differs from the account name.',
  host: 'The registrar: the provider\'s server that receives the REGISTER.',
  port: 'The registrar port (default 5060, 5061 for tls).',
  extension: 'The callback extension: the provider sends calls for this account with this extension in the request URI (default `s`); they enter the context of the peer they come from (or `[general] context` as guests).',
  expiry: 'The requested registration lifetime in seconds (default `defaultexpiry`, 120).',
};

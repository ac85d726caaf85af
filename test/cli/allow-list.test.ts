import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build } from 'esbuild';
import { main } from '../../lib/cli/index';
import { CliIo } from '../../lib/cli/io';
import { IP_RANGES_FILE } from '../fixtures';

const REPO = path.join(__dirname, '..', '..');
const IP_RANGES = IP_RANGES_FILE;

/** The clock the tests inject: the day the catalog was read, so its age is 0. */
const NOW = new Date('2026-12-01T12:00:00Z');
const READ_LINE = 'allow-list: endpoint catalog read from AWS\'s pages on 2026-12-01 (0 days ago)\n';
/** Standard error without the broadWildcards line (every default list opens .cloudfront.net; tested on its own). */
const withoutBroad = (err: string) => err.split('\n').filter((l) => !l.startsWith('allow-list: warning cdk-connect-dx:broadWildcards: ')).join('\n');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runAt(NOW, ...argv);
}

async function runAt(now: Date, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => { out += t; }, err: (t) => { err += t; }, now: () => now };
  const code = await main(['allow-list', ...argv], io);
  return { code, out, err };
}

describe('allow-list', () => {
  test('is registered in the command table', async () => {
    const r = await main(['--help'], { out: () => undefined, err: () => undefined });
    expect(r).toBe(0);
    let out = '';
    await main(['--help'], { out: (t) => { out += t; }, err: () => undefined });
    expect(out).toMatch(/^ {2}allow-list {2,}Print the Amazon Connect allow list/m);
  });

  test('--help lists every flag and the SNI caveat, exit 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const f of ['--region', '--alias', '--mode', '--format', '--ip-ranges', '--home-net', '--endpoint-sets', '--sign-in-mode', '--features', '--attachments-bucket', '--global-resiliency-source', '--global-resiliency-instance-id', '--pac-proxy']) {
      expect(r.out).toContain(f);
    }
    expect(r.out).toContain('URL paths cannot be enforced');
  });

  test('--region --alias: the domain list (default format: the current page, NEW sign-in)', async () => {
    const r = await run('--region', 'eu-west-2', '--alias', 'myinst');
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      '.cloudfront.net',
      '.connect-telecom.eu-west-2.amazonaws.com',
      '.s3.dualstack.eu-west-2.amazonaws.com',
      '.s3.dualstack.us-east-1.amazonaws.com',
      '.s3.dualstack.us-west-2.amazonaws.com',
      '.signin.aws',
      '.static.connect.aws',
      '.telemetry.connect.eu-west-2.amazonaws.com',
      '.threat-mitigation.aws.amazon.com',
      '.transport.connect.eu-west-2.amazonaws.com',
      'myinst.my.connect.aws',
      'participant.connect.eu-west-2.amazonaws.com',
      '',
    ].join('\n'));
  });

  test('--endpoint-sets LEGACY,CURRENT adds the older names', async () => {
    const r = await run('--region', 'eu-west-2', '--alias', 'myinst', '--endpoint-sets', 'LEGACY,CURRENT');
    expect(r.code).toBe(0);
    expect(r.out).toContain('rtc.cell-1.prod.eu-west-2.prod.connect.aws.a2z.com\n');
    expect(r.out).toContain('.execute-api.eu-west-2.amazonaws.com\n');
  });

  test('--format suricata --home-net without --ip-ranges: rules reference @AMAZON_CONNECT and stderr says so', async () => {
    const r = await run('--region', 'us-east-1', '--alias', 'myinst', '--format', 'suricata', '--home-net', '10.1.0.0/16,10.2.0.0/16');
    expect(r.code).toBe(0);
    expect(r.out).toContain('HOME_NET to [10.1.0.0/16,10.2.0.0/16]');
    expect(r.out).toContain('pass udp $HOME_NET any <> @AMAZON_CONNECT 3478 ');
    expect(withoutBroad(r.err)).toBe(READ_LINE + 'allow-list: IP rules reference IP sets (@AMAZON_CONNECT); define them in the rule group, or pass --ip-ranges FILE to list the prefixes in the rules\n');
  });

  test('--format suricata --ip-ranges FILE: the AMAZON_CONNECT prefixes of GLOBAL and the Region inline', async () => {
    const r = await run('--region', 'us-east-1', '--alias', 'myinst', '--format', 'suricata', '--home-net', '10.1.0.0/16', '--ip-ranges', IP_RANGES);
    expect(r.code).toBe(0);
    expect(withoutBroad(r.err)).toBe(READ_LINE);
    // GLOBAL 15.193.0.0/19 covers us-east-1's 15.193.6.0/24; the older us-east-1 range 52.55.191.224/27 stays.
    expect(r.out).toMatch(/^pass udp \$HOME_NET any <> \[15\.193\.0\.0\/19,52\.55\.191\.224\/27,2600:f0f2:7100::\/40[^\]]*\] 3478 /m);
  });

  test('--mode IP_RANGES --format json --ip-ranges: requirements and prefixes per service', async () => {
    const r = await run('--region', 'eu-west-2', '--alias', 'myinst', '--mode', 'IP_RANGES', '--format', 'json', '--ip-ranges', IP_RANGES);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.mode).toBe('IP_RANGES');
    expect(Object.keys(json.prefixes)).toEqual(['AMAZON_CONNECT', 'EC2', 'CLOUDFRONT', 'S3']);
    // the new sign-in's S3 ranges: us-east-1, us-west-2 and eu-west-2, not other Regions. Expected values from the
    // fixture collapsed with Python's ipaddress.collapse_addresses: 42 IPv4 + 42 IPv6 networks, among them these.
    expect(json.prefixes.S3).toHaveLength(84);
    expect(json.prefixes.S3).toEqual(expect.arrayContaining(['18.34.0.0/19', '16.12.96.0/20', '52.95.150.0/24']));
    expect(json.prefixes.S3).not.toContain('52.218.0.0/17'); // eu-west-1
    expect(json.prefixes.AMAZON_CONNECT[0]).toBe('15.193.0.0/19');
    expect(json.prefixes.EC2.length).toBeGreaterThan(10);
    expect(json.ipRanges.syncToken).toBe('1787411825');
  });

  test('--mode IP_RANGES --format csv --ip-ranges: one row per prefix', async () => {
    const r = await run('--region', 'eu-west-2', '--alias', 'myinst', '--mode', 'IP_RANGES', '--format', 'csv', '--ip-ranges', IP_RANGES);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('"host","port","protocol","direction","purpose","source","regions"');
    expect(lines[1]).toBe('"15.193.0.0/19","3478","UDP","OUTBOUND","AMAZON_CONNECT: softphone media (WebRTC through TURN)","https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html","GLOBAL eu-west-2"');
    expect(lines.some((l) => /,"443","TCP","OUTBOUND","CLOUDFRONT: /.test(l))).toBe(true);
  });

  test('--format csv (DOMAINS): the endpoint table', async () => {
    const r = await run('--region', 'ap-southeast-1', '--alias', 'myinst', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('"host","port","protocol","direction","purpose","source","regions"');
    expect(r.out).toContain('"*.threat-mitigation.aws.amazon.com","443","TCP","OUTBOUND","new sign-in experience (bot protection)","https://docs.aws.amazon.com/connect/latest/adminguide/new-signin-experience.html","ap-southeast-1"\n');
    expect(r.out).not.toContain('a2z.com');
  });

  test('stderr names the read date; past 180 days it warns cdk-connect-dx:catalogAge (injected clock)', async () => {
    const fresh = await run('--region', 'eu-west-2', '--alias', 'myinst');
    expect(withoutBroad(fresh.err)).toBe(READ_LINE);
    expect(fresh.err).toMatch(/^allow-list: warning cdk-connect-dx:broadWildcards: the allow list opens 4 domains shared with other AWS customers.*\.cloudfront\.net /m);
    const old = await runAt(new Date('2027-06-15T00:00:00Z'), '--region', 'eu-west-2', '--alias', 'myinst');
    expect(old.code).toBe(0);
    expect(withoutBroad(old.err).split('\n').filter((l) => l !== '')).toEqual([
      "allow-list: endpoint catalog read from AWS's pages on 2026-12-01 (196 days ago)",
      expect.stringMatching(/^allow-list: warning cdk-connect-dx:catalogAge: the Amazon Connect endpoint catalog was read from AWS's pages on 2026-12-01, 196 days before 2027-06-15 \(more than 180\)/),
    ]);
  });

  test('--endpoint-sets LEGACY warns cdk-connect-dx:legacyEndpoints naming the broad wildcards', async () => {
    const r = await run('--region', 'eu-west-2', '--alias', 'myinst', '--endpoint-sets', 'LEGACY');
    const warning = r.err.split('\n').find((l) => l.startsWith('allow-list: warning cdk-connect-dx:legacyEndpoints: '))!;
    expect(warning).toContain('.execute-api.eu-west-2.amazonaws.com (every API Gateway API in the Region, of any AWS customer)');
    expect(warning).toContain('.cloudfront.net (every CloudFront distribution, of any AWS customer)');
  });

  test('--sign-in-mode SAML --features VIDEO_CALLING --attachments-bucket: the rows of those choices', async () => {
    const r = await run('--region', 'eu-west-2', '--alias', 'myinst', '--sign-in-mode', 'saml', '--features', 'VIDEO_CALLING',
      '--attachments-bucket', 'chat-files');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toEqual(expect.arrayContaining(['.chime.aws', 'chat-files.s3.eu-west-2.amazonaws.com', 'signin.aws.amazon.com',
      'eu-west-2.signin.aws.amazon.com']));
    expect(lines.filter((l) => /^\.signin\.aws$|threat-mitigation|dualstack/.test(l))).toEqual([]);
  });

  test('--global-resiliency-source: documented pairs only; ap-northeast-3 as a replica of ap-northeast-1', async () => {
    const id = '12345678-aaaa-bbbb-cccc-123456789012';
    const replica = await run('--region', 'ap-northeast-3', '--alias', 'myinst', '--global-resiliency-source', 'ap-northeast-1',
      '--global-resiliency-instance-id', id);
    expect(replica.code).toBe(0);
    expect(replica.out).toContain(`${id}.ap-northeast-1.sign-in.connect.aws\n`);
    expect(replica.out).toContain('.ap-northeast-1.region-discovery.connect.aws\n');
    const bad = await run('--region', 'eu-west-2', '--alias', 'myinst', '--global-resiliency-source', 'us-east-1',
      '--global-resiliency-instance-id', id);
    expect([bad.code, bad.out]).toEqual([2, '']);
    expect(bad.err).toMatch(/^cdk-connect-dx allow-list: --region names 'eu-west-2', which is not in the Global Resiliency pair of source Region us-east-1: its documented replica Region is us-west-2, not eu-west-2; documented pairs: us-east-1->us-west-2, /);
    const osakaSource = await run('--region', 'ap-northeast-1', '--alias', 'myinst', '--global-resiliency-source', 'ap-northeast-3',
      '--global-resiliency-instance-id', id);
    expect(osakaSource.err).toMatch(/--global-resiliency-source must be the source Region of a documented .*\(ap-northeast-3 is a replica Region only\)/);
    const noGr = await run('--region', 'ap-northeast-3', '--alias', 'myinst');
    expect(noGr.err).toMatch(/--region must be a Region where Amazon Connect runs: .*ap-northeast-3 is a Global Resiliency replica Region only/);
  });

  test('--format pac --pac-proxy: catalog hosts DIRECT, the rest to the proxy', async () => {
    const r = await run('--region', 'eu-west-2', '--alias', 'myinst', '--format', 'pac', '--pac-proxy', 'proxy.example.com:3128');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^function FindProxyForURL\(url, host\) \{$/m);
    expect(r.out).toContain('host == "myinst.my.connect.aws"');
    expect(r.out).toContain('shExpMatch(host, "turnnlb-*.elb.eu-west-2.amazonaws.com")');
    expect(r.out.trimEnd().endsWith('return "PROXY proxy.example.com:3128";\n}')).toBe(true);
    const direct = await run('--region', 'eu-west-2', '--alias', 'myinst', '--format', 'pac');
    expect(direct.out).toContain('  return "DIRECT";\n}');
  });

  test.each([
    [['--region', 'us-east-1', '--alias', 'a', '--colour'], /^cdk-connect-dx allow-list: unknown flag --colour; allowed: --region, --connect-region, --global-resiliency-source, --global-resiliency-instance-id, --replica-alias, --alias, --mode, --format, --ip-ranges, --home-net, --endpoint-sets, --sign-in-mode, --features, --attachments-bucket, --pac-proxy, --help\n$/],
    [['--alias', 'a'], /--connect-region is required: REGION\[,REGION\]/],
    [['--region', 'us-east-1'], /--alias is required: ALIAS/],
    [['--region', 'eu-west-3', '--alias', 'a'], /--region must be one of af-south-1, .*us-west-2, got 'eu-west-3'\n$/],
    [['--region', 'us-east-1', '--alias', 'd-x'], /--alias: instanceAlias must be 1-45 letters, digits and hyphens.*got 'd-x'\n$/],
    [['--region', 'us-east-1', '--alias', 'a', '--mode', 'PROXY'], /--mode must be one of DOMAINS, IP_RANGES, got 'PROXY'/],
    [['--region', 'us-east-1', '--alias', 'a', '--format', 'xml'], /--format must be one of domains, suricata, csv, json, pac, got 'xml'/],
    [['--region', 'us-east-1', '--alias', 'a', '--format', 'suricata'], /--home-net is required with --format suricata/],
    [['--region', 'us-east-1', '--alias', 'a', '--format', 'suricata', '--home-net', '10.0.0.1/8'], /--home-net must be comma-separated network CIDRs .*got '10.0.0.1\/8'/],
    [['--region', 'us-east-1', '--alias', 'a', '--mode', 'IP_RANGES'], /--format domains lists names, which IP_RANGES mode does not use/],
    [['--region', 'us-east-1', '--alias', 'a', '--ip-ranges', IP_RANGES], /--ip-ranges is used only with --format suricata, csv or json/],
    [['--region', 'us-east-1', '--alias', 'a', '--format', 'json', '--ip-ranges', '/nonexistent/ip-ranges.json'], /--ip-ranges cannot read '\/nonexistent\/ip-ranges.json': ENOENT/],
    [['--region', 'us-east-1', '--alias', 'a', '--mode', 'IP_RANGES', '--format', 'csv'], /--ip-ranges FILE is required with --format csv --mode IP_RANGES/],
    [['--region', 'us-east-1', '--alias', 'a', '--endpoint-sets', 'OLD'], /--endpoint-sets must be one of LEGACY, CURRENT, got 'OLD'/],
    [['--region', 'us-east-1', '--alias', 'a', '--sign-in-mode', 'OKTA'], /--sign-in-mode must be one of NEW, LEGACY_AWSAPPS, SAML, got 'OKTA'/],
    [['--region', 'us-east-1', '--alias', 'a', '--features', 'FAX'], /--features must be one of VIDEO_CALLING, SCREEN_RECORDING, SCHEDULING_UPLOADS, got 'FAX'/],
    [['--region', 'us-east-1', '--alias', 'a', '--attachments-bucket', 'Bad_B'], /--attachments-bucket: attachments.bucket must be an S3 bucket name/],
    [['--region', 'us-east-1', '--alias', 'a', '--global-resiliency-source', 'us-west-2'], /--global-resiliency-source needs --global-resiliency-instance-id UUID/],
    [['--region', 'us-east-1', '--alias', 'a', '--global-resiliency-source', 'us-west-2', '--global-resiliency-instance-id', 'x'], /--global-resiliency-instance-id: globalResiliency.instanceId must be an Amazon Connect instance id/],
    [['--region', 'us-east-1', '--alias', 'a', '--pac-proxy', 'p:1'], /--pac-proxy is used only with --format pac/],
    [['--region', 'us-east-1', '--alias', 'a', '--format', 'pac', '--pac-proxy', '[.]:80'], /^cdk-connect-dx allow-list: --pac-proxy: pacProxy host must be an IPv6 address inside \[ \]/],
    [['--region', 'us-east-1', '--alias', 'a', '--format', 'pac', '--pac-proxy', 'host:080'], /^cdk-connect-dx allow-list: --pac-proxy: pacProxy port must be from 1 to 65535 without leading zeros/],
    [['--region', 'us-east-1', '--alias', 'a', '--format', 'pac', '--pac-proxy', 'p'], /--pac-proxy: pacProxy must be HOST:PORT/],
    [['--region', 'us-east-1', '--alias', 'a', '--format', 'pac', '--mode', 'IP_RANGES'], /--format pac lists names, which IP_RANGES mode does not use/],
    [['--region', 'us-gov-west-1', '--alias', 'a', '--sign-in-mode', 'LEGACY_AWSAPPS'], /--sign-in-mode: signInMode LEGACY_AWSAPPS is not available in us-gov-west-1/],
  ])('bad usage %j: one-line error naming the flag, exit 2', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  test('a corrupt ip-ranges file is a runtime error (exit 1) naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'allow-list-'));
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, '{"syncToken": ');
    const r = await run('--region', 'us-east-1', '--alias', 'a', '--format', 'json', '--ip-ranges', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ip-ranges.json is not valid JSON/);
  });
});

describe('allow-list from the bundled binary', () => {
  test('runs, prints the list, and exits 2 on a bad flag', async () => {
    // GIVEN the CLI bundled the way scripts/bundle.mjs does (into a temp folder, so assets/ is not raced)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bundle-'));
    const outfile = path.join(dir, 'index.js');
    await build({
      entryPoints: [path.join(REPO, 'lib', 'cli', 'index.ts')], bundle: true, platform: 'node', target: 'node20',
      format: 'cjs', outfile, minify: true, logLevel: 'silent',
    });
    // WHEN it runs
    const ok = spawnSync(process.execPath, [outfile, 'allow-list', '--region', 'us-east-1', '--alias', 'myinst'], { encoding: 'utf8' });
    const bad = spawnSync(process.execPath, [outfile, 'allow-list', '--region', 'us-east-1', '--alias', 'myinst', '--format', 'pdf'], { encoding: 'utf8' });
    // THEN
    expect(ok.status).toBe(0);
    expect(ok.stdout.split('\n')).toContain('.connect-telecom.us-east-1.amazonaws.com');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("cdk-connect-dx allow-list: --format must be one of domains, suricata, csv, json, pac, got 'pdf'\n");
  });
});

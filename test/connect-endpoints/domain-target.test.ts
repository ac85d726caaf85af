import { covers, normalizeDomainTargets, toDomainTarget } from '../../lib/connect-endpoints/domain-target';

describe('toDomainTarget', () => {
  test.each([
    ['*.cloudfront.net', '.cloudfront.net'],
    ['rtc*.connect-telecom.us-east-1.amazonaws.com', '.connect-telecom.us-east-1.amazonaws.com'],
    ['TurnNlb-*.elb.eu-west-2.amazonaws.com', '.elb.eu-west-2.amazonaws.com'],
    ['*.us-west-2.region-discovery.connect.aws', '.us-west-2.region-discovery.connect.aws'],
    ['https://d38fzyjx9jg8fj.cloudfront.net/', 'd38fzyjx9jg8fj.cloudfront.net'],
    ['MyInst.my.connect.aws/ccp-v2', 'myinst.my.connect.aws'],
    ['s3-us-gov-west-1.amazonaws.com/warp-drive-console-static-content-prod-pdt/', 's3-us-gov-west-1.amazonaws.com'],
    ['host.example.com:443', 'host.example.com'],
    ['participant.connect.us-east-1.amazonaws.com', 'participant.connect.us-east-1.amazonaws.com'],
  ])('%s -> %s', (input, expected) => {
    expect(toDomainTarget(input)).toBe(expected);
  });
});

describe('covers', () => {
  test('a leading-dot wildcard covers the bare domain, subdomains and narrower wildcards, nothing else', () => {
    expect(covers('.cloudfront.net', 'cloudfront.net')).toBe(true);
    expect(covers('.cloudfront.net', 'd1.cloudfront.net')).toBe(true);
    expect(covers('.connect.aws', '.my.connect.aws')).toBe(true);
    expect(covers('.cloudfront.net', 'xcloudfront.net')).toBe(false);
    expect(covers('cloudfront.net', 'd1.cloudfront.net')).toBe(false);
  });
});

describe('normalizeDomainTargets', () => {
  test('merges duplicates, drops covered names, sorts', () => {
    expect(normalizeDomainTargets([
      'dd401jc05x2yk.cloudfront.net', '*.cloudfront.net', 'rtc.connect-telecom.us-east-1.amazonaws.com',
      'rtc*.connect-telecom.us-east-1.amazonaws.com', 'a.example.com/x', 'a.example.com/y', 'A.EXAMPLE.COM',
    ])).toEqual(['.cloudfront.net', '.connect-telecom.us-east-1.amazonaws.com', 'a.example.com']);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyAddress, isPublicAddress, isPublicHttpsUrl } from '../../../src/ingest/fetch/address-policy.js';

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['172.15.255.255', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared-cgnat'],
    ['100.127.255.255', 'shared-cgnat'],
    ['100.128.0.1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['2001:db8::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['example.com', 'invalid'],
    ['1.2.3', 'invalid'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('only public addresses pass', () => {
    expect(isPublicAddress('1.1.1.1')).toBe(true);
    expect(isPublicAddress('192.168.0.10')).toBe(false);
    expect(isPublicAddress('not an ip')).toBe(false);
  });
});

describe('isPublicHttpsUrl (addresses others fetch, such as an alert image)', () => {
  it.each([
    ['https://img.example.com/a.jpg', true],
    ['https://8.8.8.8/a.jpg', true],
    ['http://img.example.com/a.jpg', false],
    ['https://127.0.0.1/a.jpg', false],
    ['https://2130706433/a.jpg', false],
    ['https://10.0.0.5/a.jpg', false],
    ['https://169.254.169.254/latest/meta-data', false],
    ['https://[::1]/a.jpg', false],
    ['https://[fd00::1]/a.jpg', false],
    ['https://localhost/a.jpg', false],
    ['https://printer.local/a.jpg', false],
    ['https://metadata.google.internal/a.jpg', false],
    ['https://intranet/a.jpg', false],
    ['https://user:secret@img.example.com/a.jpg', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isPublicHttpsUrl(url)).toBe(expected);
  });
});

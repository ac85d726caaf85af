import { RESILIENCY_MODELS } from '../../lib/resiliency/facts';
import { ResiliencyModel } from '../../lib/resiliency/resiliency-model';

describe('ResiliencyModel', () => {
  test('reads AWS\'s SLA and layout from the facts table', () => {
    // THEN the values are AWS's Resiliency Toolkit figures
    expect(ResiliencyModel.MAXIMUM.slaPercent).toBe(99.99);
    expect(ResiliencyModel.HIGH.slaPercent).toBe(99.9);
    expect(ResiliencyModel.DEVELOPMENT.slaPercent).toBeUndefined();
    expect(ResiliencyModel.DEVELOPMENT.serviceLevel).toBe('no service level agreement');
    expect(ResiliencyModel.MAXIMUM.layout).toMatch(/separate devices in more than one location/);
    expect(ResiliencyModel.HIGH.layout).toMatch(/one connection at each of two/);
    expect(ResiliencyModel.DEVELOPMENT.layout).toMatch(/separate devices in one location/);
  });

  test.each([
    ['MAXIMUM', 2, 4], ['MAXIMUM', 3, 6], ['HIGH', 2, 2], ['HIGH', 3, 3], ['DEVELOPMENT', 1, 2],
  ])('%s with %d locations orders %d connections', (name, locations, connections) => {
    // WHEN
    const count = ResiliencyModel.fromName(name).connectionCount(locations);
    // THEN
    expect(count).toBe(connections);
  });

  test('location bounds: two or more for MAXIMUM and HIGH, exactly one for DEVELOPMENT', () => {
    expect([ResiliencyModel.MAXIMUM.minLocations, ResiliencyModel.MAXIMUM.maxLocations]).toEqual([2, undefined]);
    expect([ResiliencyModel.HIGH.minLocations, ResiliencyModel.HIGH.maxLocations]).toEqual([2, undefined]);
    expect([ResiliencyModel.DEVELOPMENT.minLocations, ResiliencyModel.DEVELOPMENT.maxLocations]).toEqual([1, 1]);
  });

  test('resiliency group values are the CloudFormation ones, none for DEVELOPMENT', () => {
    expect(ResiliencyModel.MAXIMUM.resiliencyGroupModel).toBe('maximum-resiliency');
    expect(ResiliencyModel.HIGH.resiliencyGroupModel).toBe('high-resiliency');
    expect(ResiliencyModel.DEVELOPMENT.resiliencyGroupModel).toBeUndefined();
  });

  test('every row of the facts table names its sources with a read date', () => {
    for (const row of RESILIENCY_MODELS) {
      expect(row.sources.length).toBeGreaterThan(0);
      for (const s of row.sources) {
        expect(s.url).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
        expect(s.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    expect(ResiliencyModel.all().map((m) => m.name)).toEqual(RESILIENCY_MODELS.map((r) => r.name));
  });

  test('fromName refuses an unknown name, listing the allowed ones', () => {
    expect(() => ResiliencyModel.fromName('high')).toThrow(/^resiliency must be one of MAXIMUM, HIGH, DEVELOPMENT, got 'high'$/);
  });
});

import type { GroupMember } from '../src/services/groupbuy';
import { absolutePath, encodeGroupScene, groupEntry, groupHeadline, groupPageUrl, parseGroupScene, seatList } from '../src/utils/group';

const member = (nickname: string, isLeader = false, paid = true): GroupMember => ({ nickname, avatarUrl: null, isLeader, paid });

describe('seatList', () => {
  test('the leader first, then members in order, then an empty seat per open place', () => {
    const seats = seatList([member('乙'), member('甲', true), member('丙', false, false)], 5);
    expect(seats.map((seat) => (seat.kind === 'member' ? seat.member.nickname : '?'))).toEqual(['甲', '乙', '丙', '?', '?']);
  });

  test.each([
    [[], 2, ['?', '?']],
    [[member('甲', true)], 2, ['甲', '?']],
    [[member('甲', true), member('乙')], 2, ['甲', '乙']],
    // More members than seats should not happen; the row never grows past the group size.
    [[member('甲', true), member('乙'), member('丙')], 2, ['甲', '乙']],
    [[member('甲', true)], 0, []],
  ])('%j in a group of %i → %j', (members, size, expected) => {
    expect(seatList(members, size).map((seat) => (seat.kind === 'member' ? seat.member.nickname : '?'))).toEqual(expected);
  });
});

describe('groupHeadline', () => {
  test.each([
    [{ status: 'pending', seatsLeft: 1 }, 'pending', '团长支付后开团'],
    [{ status: 'open', seatsLeft: 1 }, 'open', '还差1人拼团成功'],
    [{ status: 'open', seatsLeft: 3 }, 'open', '还差3人拼团成功'],
    [{ status: 'open', seatsLeft: 0 }, 'open', '名额已满，等待团员支付'],
    [{ status: 'succeeded', seatsLeft: 0 }, 'success', '拼团成功'],
    [{ status: 'failed', seatsLeft: 1 }, 'failed', '拼团失败，款项将原路退回'],
  ] as const)('%j → %s %s', (group, tone, title) => {
    const headline = groupHeadline(group);
    expect(headline.tone).toBe(tone);
    expect(headline.title).toBe(title);
  });

  test('待成团 while open', () => {
    expect(groupHeadline({ status: 'open', seatsLeft: 2 }).label).toBe('待成团');
  });
});

describe('group scenes', () => {
  test.each([
    ['g=12&s=34', { groupId: 12, sharerId: 34 }],
    ['g%3D12%26s%3D34', { groupId: 12, sharerId: 34 }],
    // Encoded twice on the way in.
    ['g%253D12%2526s%253D34', { groupId: 12, sharerId: 34 }],
    ['g=12', { groupId: 12, sharerId: null }],
    ['s=34&g=12', { groupId: 12, sharerId: 34 }],
    ['g=12&s=abc', { groupId: 12, sharerId: null }],
    ['g=0&s=34', null],
    ['g=-1', null],
    ['s=34', null],
    ['p=12', null],
    ['%E0%A4%A', null],
    ['', null],
    [undefined, null],
  ])('%s → %j', (raw, expected) => {
    expect(parseGroupScene(raw)).toEqual(expected);
  });

  test('encode then parse (also as WeChat hands it over) gives the ids back, within 32 characters', () => {
    const scene = encodeGroupScene(123456789, 987654321);
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(parseGroupScene(scene)).toEqual({ groupId: 123456789, sharerId: 987654321 });
    expect(parseGroupScene(encodeURIComponent(scene))).toEqual({ groupId: 123456789, sharerId: 987654321 });
    expect(parseGroupScene(encodeGroupScene(5, null))).toEqual({ groupId: 5, sharerId: null });
  });
});

describe('groupEntry', () => {
  test.each([
    [{ id: '12' }, { groupId: 12, sharerId: null, via: null }],
    [
      { id: '12', from: '34' },
      { groupId: 12, sharerId: 34, via: 'share' },
    ],
    [
      { id: '12', from: 'x' },
      { groupId: 12, sharerId: null, via: null },
    ],
    [{ scene: 'g%3D12%26s%3D34' }, { groupId: 12, sharerId: 34, via: 'qrcode' }],
    // A code's scene wins over anything else in the query.
    [
      { id: '99', scene: 'g=12&s=34' },
      { groupId: 12, sharerId: 34, via: 'qrcode' },
    ],
    [{ id: 'abc' }, { groupId: null, sharerId: null, via: null }],
    [{}, { groupId: null, sharerId: null, via: null }],
  ])('%j → %j', (params, expected) => {
    expect(groupEntry(params)).toEqual(expected);
  });
});

test('paths', () => {
  expect(groupPageUrl(7)).toBe('/pages/group/detail?id=7');
  expect(absolutePath('pages/group/detail?id=12&from=34')).toBe('/pages/group/detail?id=12&from=34');
  expect(absolutePath('/pages/index/index')).toBe('/pages/index/index');
});

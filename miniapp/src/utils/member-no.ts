/** 会员号 as people read it out: "8112 7731 25" (docs/domain.md#member-number). */
export function formatMemberNo(memberNo: string): string {
  return memberNo.replace(/(\d{4})(?=\d)/g, '$1 ');
}

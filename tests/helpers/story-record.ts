// The 前跃村 party day of the demo story (prisma/seed/story.ts) as activity.record answers for it:
// what the server tests expect, and what the app's tests render as that answer.

/** 应到 20, 实到 18, and the two absentees with their reasons, as the 台账 lists them. */
export const STORY_RECORD_ATTENDANCE = {
  expectedCount: 20,
  presentCount: 18,
  absentCount: 2,
  absences: [
    { name: '刘芳', reason: '病假' },
    { name: '陈志刚', reason: '外出参加全省律师培训' },
  ],
}

// The version of the privacy notice (个人信息保护说明) in force. Changing the notice means a new
// version: everyone is asked to agree again on their next visit. Kept apart from the text so
// that the main package carries only this line.
export const PRIVACY_NOTICE_VERSION = '2026-11-26.2'

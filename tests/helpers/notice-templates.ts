// The subscribe-message templates the test worlds configure, as an operator would (env.ts).
import { NEED_STATUS_VALUES, type NoticeTemplates, parseFieldMapping } from '../../server/services/notices/templates'

export const TEST_NEED_STATUS_TEMPLATE = 'tmpl-need-status-0001'

export const TEST_NOTICE_TEMPLATES: NoticeTemplates = {
  needStatus: {
    templateId: TEST_NEED_STATUS_TEMPLATE,
    fields: parseFieldMapping('subject=thing1,status=phrase2,time=time3,tip=thing4', NEED_STATUS_VALUES),
  },
}

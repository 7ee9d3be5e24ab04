export default definePageConfig({ navigationBarTitleText: '绑定家庭户' })

import type zhCN from './zh-CN'

const en: typeof zhCN = {
  app: { title: 'Civilization Practice Cloud', loading: 'Loading…', retry: 'Retry', back: 'Back', language: '中文', logIn: 'Log in', logOut: 'Log out', signUp: 'Sign up', submit: 'Submit', cancel: 'Cancel', confirm: 'OK', optional: 'optional', required: 'required', none: 'Nothing yet', save: 'Save' },
  tabs: { menu: 'Order', orders: 'My orders', activities: 'Activities', volunteer: 'Volunteer', me: 'Me' },
  welcome: { lead: 'Order a service from home', text: 'Log in with your mobile number to order volunteer services and join activities.' },
  me: { mobile: 'Mobile', name: 'Name', role: 'Role' },
  roles: { RESIDENT: 'Resident', VOLUNTEER: 'Volunteer', TEAM_LEADER: 'Team leader', DISTRICT_ADMIN: 'District admin', SUBCENTER_ADMIN: 'Sub-center admin', INSTITUTE_ADMIN: 'Institute admin', STATION_ADMIN: 'Station admin', GRID_WORKER: 'Grid worker', ANALYST: 'Analyst' },
  platforms: {
    THEORY_LECTURES: 'Theory lectures', EDUCATION: 'Education', CULTURE: 'Culture', SCIENCE: 'Science', HEALTH_SPORTS: 'Health and sports',
    LEGAL: 'Legal aid', CARE: 'Care and help', CIVILIZATION: 'Civility', ALL_MEDIA: 'Media',
  },
  problems: {
    unknown: 'That did not work ({status}); please try again later.',
    network: 'The platform cannot be reached; check the network and try again.',
    'invalid-field': '{detail}',
    'code-invalid': 'The code is wrong or expired; ask for a new one.',
    'mobile-taken': 'This number already has an account; please log in.',
    'too-many-codes': 'Too many codes asked for; please wait a little.',
    'unknown-district': 'There is no such district.',
    'illegal-transition': 'The order cannot do that in its present state ({detail}).',
    'not-found': 'Not found; it may have been removed.',
    'activity-full': 'No places left.',
    'already-signed-up': 'You have already signed up.',
    'sign-up-closed': 'Sign-up has closed.',
    'reopen-window-closed': 'It is too late to reopen this order.',
    'reopen-needs-low-rating': 'Only an order rated as not solved can be reopened.',
    'item-retired': 'This service is no longer offered.',
    'already-registered': 'You are already registered as a volunteer.',
    'application-pending': 'Your volunteer application is being reviewed.',
    'already-accepted': 'This order has already been accepted.',
    'already-checked-in': 'Already checked in.',
    'already-checked-out': 'Already checked out.',
    'activity-closed': 'The activity is over.',
    forbidden: 'You may not do that.',
  },
}
export default en

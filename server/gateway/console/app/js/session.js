// Where the app keeps its session: in localStorage, since a newcomer's or
// buddy's phone session lasts 90 days (the console's lasts for the tab).
export const APP_SESSION_KEY = 'welkom.app.session';

// Hash routes shared by the console and the app: "#/journeys/abc?x=1" as
// path parts and a query, and the first route whose path ("/journeys/:id")
// matches them, with its parameters.
//   const {parts, query} = parseHash();
//   const found = matchRoute(routes, parts);  // {route, params} or null
export function parseHash() {
  const path = (location.hash || '#/').slice(1) || '/';
  const [pathname, query = ''] = path.split('?');
  return {parts: pathname.split('/').filter(Boolean),
          query: new URLSearchParams(query)};
}

export function matchRoute(routes, parts) {
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return p === parts[i];
    });
    if (ok) return {route, params};
  }
  return null;
}

// Starts the first page's API reads while the WebAssembly is still on its way, so the
// answers are (nearly) there when the app asks. Plain script, no framework, no inline code
// (the page's Content-Security-Policy forbids it). The app takes each answer once
// (src/api/prefetch.rs): only for the same URL, within the read deadline, and until anyone
// signs in or out (the session forgets them then); anything it does not take is not used. The
// token is read from sessionStorage for the requests' header and kept nowhere else. It makes
// no request the app would not make: the same URLs and headers, on the pages that need them.

// The activity page's first Events API query for the filters in its address, exactly as
// src/domain/activity.rs (ActivityFilter::api_query, with timefmt::day_instant) builds it;
// null when the app would ask nothing (a range that ends before it starts).
const activityQuery = (customerId, search) => {
  const value = (name) => {
    const v = search.get(name);
    return v !== null && v.trim() !== '' ? v : null;
  };
  const day = (name, end) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value(name)?.trim() ?? '');
    if (!m) return null;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const probe = new Date(Date.UTC(2000, mo - 1, d));
    if (mo < 1 || mo > 12 || d < 1 || probe.getUTCMonth() !== mo - 1) return null;
    if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
    return { key: `${m[1]}-${m[2]}-${m[3]}`, at: (end ? new Date(y, mo - 1, d, 23, 59, 59, 999) : new Date(y, mo - 1, d)).toISOString() };
  };
  const [from, to] = [day('from', false), day('to', true)];
  if (from && to && from.key > to.key) return null;
  const query = new URLSearchParams();
  query.append('filter[customer_id]', customerId);
  if (value('type')) query.append('filter[event_type]', value('type'));
  if (value('user')) query.append('filter[user_id]', value('user'));
  if (from) query.append('filter[created_at][gte]', from.at);
  if (to) query.append('filter[created_at][lte]', to.at);
  query.append('sort', '-created_at');
  query.append('page[size]', '20');
  return query.toString();
};

(() => {
  try {
    const token = sessionStorage.getItem('account-console.token');
    if (!token) return;
    const content = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
    const base = (content('api-base') ?? '/api').trim().replace(/\/+$/, '');
    const read = Number(/(?:^|[\s,;])read\s*=\s*(\d+)/.exec(content('api-deadlines') ?? '')?.[1]);
    const deadline = read >= 100 && read <= 600000 ? read : 15000;
    // The pages that need a signed-in user, and what each reads first (as the app names them).
    let page = /^\/customers\/([A-Za-z0-9]+)(\/contacts|\/activity)?\/?$/.exec(location.pathname);
    if (location.pathname !== '/' && !page) return;
    // The user this tab signed in (src/browser/session.rs, "account-console.user"): the app
    // does not ask /current_user again, and "/" goes to that user's customer.
    let me = null;
    try {
      me = JSON.parse(sessionStorage.getItem('account-console.user') ?? 'null');
    } catch (_) {
      me = null; // unreadable: the app asks /current_user itself
    }
    const known = me !== null && typeof me === 'object' && typeof me.id === 'string' && me.id !== '';
    if (!page && known && typeof me.customer_id === 'string' && /^[A-Za-z0-9]+$/.test(me.customer_id)) {
      page = [null, me.customer_id, undefined]; // "/" redirects to the customer's settings
    }
    const paths = known ? [] : ['/current_user'];
    if (page && page[2] === '/activity') {
      paths.push(`/customer/${page[1]}/users`);
      // The audit log is for superusers: asked only when the app noted, at sign-in, that
      // this user may read it (src/browser/session.rs, "account-console.audit-log").
      const events = activityQuery(page[1], new URLSearchParams(location.search));
      if (events && sessionStorage.getItem('account-console.audit-log') === '1') paths.push(`/events?${events}`);
    } else if (page) {
      paths.push(`/customer/${page[1]}`, `/customer/${page[1]}/users`);
      if (page[2]) paths.push(`/customer/${page[1]}/contacts`);
    }
    const entries = {};
    for (const path of paths) {
      const controller = new AbortController();
      const url = base + path;
      // The Events API is asked for JSON:API first, as the app asks it (src/api/client.rs,
      // ACCEPT_EVENTS); the app takes the answer by its URL.
      const accept = path.startsWith('/events?') ? 'application/vnd.api+json, application/json' : 'application/json';
      const response = fetch(url, {
        headers: { 'Fastly-Key': token, Accept: accept },
        signal: controller.signal,
      });
      response.catch(() => {}); // a failure is the app's to report, when it takes the answer
      entries[url] = { response, controller };
    }
    window.consolePrefetched = { at: Date.now(), deadline, entries };
  } catch (_) {
    // No storage, no fetch: the app asks for itself.
  }
})();

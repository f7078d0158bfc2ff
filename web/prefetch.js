// Starts the first page's API reads while the WebAssembly is still on its way, so the
// answers are (nearly) there when the app asks. Plain script, no framework, no inline code
// (the page's Content-Security-Policy forbids it). The app takes each answer once
// (src/api/prefetch.rs): only for the same URL, within the read deadline, and until anyone
// signs in or out (the session forgets them then); anything it does not take is not used. The
// token is read from sessionStorage for the requests' header and kept nowhere else. It makes
// no request the app would not make: the same URLs and headers, on the pages that need them.
(() => {
  try {
    const token = sessionStorage.getItem('account-console.token');
    if (!token) return;
    const content = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
    const base = (content('api-base') ?? '/api').trim().replace(/\/+$/, '');
    const read = Number(/(?:^|[\s,;])read\s*=\s*(\d+)/.exec(content('api-deadlines') ?? '')?.[1]);
    const deadline = read >= 100 && read <= 600000 ? read : 15000;
    // The pages that need a signed-in user, and what each reads first (as the app names them).
    const page = /^\/customers\/([A-Za-z0-9]+)(\/contacts)?\/?$/.exec(location.pathname);
    if (location.pathname !== '/' && !page) return;
    const paths = ['/current_user'];
    if (page) {
      paths.push(`/customer/${page[1]}`, `/customer/${page[1]}/users`);
      if (page[2]) paths.push(`/customer/${page[1]}/contacts`);
    }
    const entries = {};
    for (const path of paths) {
      const controller = new AbortController();
      const url = base + path;
      const response = fetch(url, {
        headers: { 'Fastly-Key': token, Accept: 'application/json' },
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

//! Sends the browser to another page of the app once this one has rendered,
//! in place of the current history entry ("back" does not bounce into it again).

use crate::browser::effect::effect;
use crate::browser::router;

pub fn redirect(path: String) {
    effect(move || router::redirect(&path));
}

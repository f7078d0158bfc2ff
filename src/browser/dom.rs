//! The console's own DOM builder. `view!` makes a new Rust type for every view shape, and
//! Leptos's renderer is compiled again for each of them (most of the WebAssembly, see
//! README "Performance"). Here an element is a value of one type, built by calls: each
//! element costs a few calls, not a type. Reactive parts (text, attributes, properties,
//! a changing child) are boxed closures run by render effects, as `view!` would run them:
//! once now, then whenever a signal they read changes, until their owner is gone.
//!
//! A changing child (`El::dyn_child`) is replaced, not patched: its closure should read
//! only what decides *which* content to show (a memoised condition), and the content's
//! own changing parts use the `dyn_*` setters, so inputs keep their focus and caret.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::{document, LocalStorage, StoredValue};
use leptos::reactive::effect::RenderEffect;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, Node};

/// One element under construction (and, once built, shown).
pub struct El(Element);

/// Nodes a part of a page shows: an element, text, several, or nothing.
pub struct Dom(Vec<Node>);

/// A new element, e.g. `el("p")`.
pub fn el(tag: &str) -> El {
    let element = document()
        .create_element(tag)
        .unwrap_or_else(|_| wasm_bindgen::throw_str("invalid element name"));
    El(element)
}

/// A text node.
pub fn text(value: &str) -> Dom {
    Dom::one(document().create_text_node(value).into())
}

/// Several parts side by side.
pub fn frag(parts: Vec<Dom>) -> Dom {
    let mut nodes = Vec::new();
    for part in parts {
        nodes.extend(part.0);
    }
    Dom(nodes)
}

/// Keeps `value` alive as long as the current owner (the component or the branch of a
/// changing child that made it).
fn keep<T: 'static>(value: T) {
    StoredValue::<T, LocalStorage>::new_local(value);
}

/// Runs `run` now and whenever a signal it read changes, for as long as the current owner.
fn render_effect(mut run: Box<dyn FnMut()>) {
    keep(RenderEffect::new(move |_: Option<()>| run()));
}

impl El {
    /// The DOM element (for focus, measuring, reading values in handlers).
    pub fn element(&self) -> Element {
        self.0.clone()
    }

    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    pub fn class(self, value: &str) -> Self {
        self.attr("class", value)
    }

    pub fn id(self, value: &str) -> Self {
        self.attr("id", value)
    }

    /// Sets a boolean attribute (`hidden`, `required`, `open`, …) when `on`.
    pub fn flag(self, name: &str, on: bool) -> Self {
        if on {
            self.attr(name, "")
        } else {
            self
        }
    }

    /// Appends text.
    pub fn text(self, value: &str) -> Self {
        let _ = self.0.append_with_str_1(value);
        self
    }

    /// Appends a child element, text or fragment.
    pub fn child(self, child: impl Into<Dom>) -> Self {
        self.append(child.into())
    }

    fn append(self, child: Dom) -> Self {
        for node in child.0.iter() {
            let _ = self.0.append_with_node_1(node);
        }
        self
    }

    /// Appends each of `children`.
    pub fn children(self, children: Vec<El>) -> Self {
        for child in children {
            let _ = self.0.append_with_node_1(&child.0);
        }
        self
    }

    /// Listens to `event` for as long as the current owner.
    pub fn on(self, event: &str, handler: impl FnMut(Event) + 'static) -> Self {
        self.on_boxed(event, Box::new(handler))
    }

    fn on_boxed(self, event: &str, handler: Box<dyn FnMut(Event)>) -> Self {
        let closure = Closure::wrap(handler);
        let _ = self
            .0
            .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        keep(closure);
        self
    }

    /// Text that follows a signal.
    pub fn dyn_text(self, value: impl Fn() -> String + 'static) -> Self {
        self.dyn_text_boxed(Box::new(value))
    }

    fn dyn_text_boxed(self, value: Box<dyn Fn() -> String>) -> Self {
        let node = document().create_text_node("");
        let _ = self.0.append_with_node_1(&node);
        render_effect(Box::new(move || {
            let new = value();
            if node.data() != new {
                node.set_data(&new);
            }
        }));
        self
    }

    /// An attribute that follows a signal; `None` removes it.
    pub fn dyn_attr(
        self,
        name: &'static str,
        value: impl Fn() -> Option<String> + 'static,
    ) -> Self {
        self.dyn_attr_boxed(name, Box::new(value))
    }

    fn dyn_attr_boxed(self, name: &'static str, value: Box<dyn Fn() -> Option<String>>) -> Self {
        let element = self.element();
        render_effect(Box::new(move || {
            let _ = match value() {
                Some(v) => element.set_attribute(name, &v),
                None => element.remove_attribute(name),
            };
        }));
        self
    }

    /// A boolean attribute (`disabled`, `selected`, …) present while `on` says so.
    pub fn dyn_flag(self, name: &'static str, on: impl Fn() -> bool + 'static) -> Self {
        self.dyn_attr(name, move || on().then(String::new))
    }

    /// A class that is on while `on` says so.
    pub fn dyn_class(self, class: &'static str, on: impl Fn() -> bool + 'static) -> Self {
        self.dyn_class_boxed(class, Box::new(on))
    }

    fn dyn_class_boxed(self, class: &'static str, on: Box<dyn Fn() -> bool>) -> Self {
        let element = self.element();
        render_effect(Box::new(move || {
            let _ = element.class_list().toggle_with_force(class, on());
        }));
        self
    }

    /// A DOM property (`value`, `checked`, `disabled`, …) that follows a signal.
    pub fn dyn_prop(self, name: &'static str, value: impl Fn() -> JsValue + 'static) -> Self {
        self.dyn_prop_boxed(name, Box::new(value))
    }

    fn dyn_prop_boxed(self, name: &'static str, value: Box<dyn Fn() -> JsValue>) -> Self {
        let element: JsValue = self.element().into();
        let key = JsValue::from_str(name);
        render_effect(Box::new(move || {
            let new = value();
            let same = js_sys::Reflect::get(&element, &key).is_ok_and(|old| old == new);
            if !same {
                let _ = js_sys::Reflect::set(&element, &key, &new);
            }
        }));
        self
    }

    /// A child that is rebuilt whenever a signal read by `content` changes.
    pub fn dyn_child<D: Into<Dom>>(self, content: impl Fn() -> D + 'static) -> Self {
        self.append(dynamic(content))
    }
}

/// Content that is rebuilt whenever a signal read by `content` changes, followed by an
/// empty text node that marks its place.
pub fn dynamic<D: Into<Dom>>(content: impl Fn() -> D + 'static) -> Dom {
    dynamic_boxed(Box::new(move || content().into()))
}

fn dynamic_boxed(content: Box<dyn Fn() -> Dom>) -> Dom {
    let start: Node = document().create_text_node("").into();
    let end: Node = document().create_text_node("").into();
    let first: Rc<RefCell<Vec<Node>>> = Rc::default();
    let (from, to, first_shown) = (start.clone(), end.clone(), first.clone());
    render_effect(Box::new(move || {
        let new = content().0;
        match to.parent_node() {
            Some(parent) => {
                // Everything between the markers, including what nested parts added since.
                clear_between(&from, &to);
                for node in &new {
                    let _ = parent.insert_before(node, Some(&to));
                }
            }
            // The first run: the caller places these nodes.
            None => *first_shown.borrow_mut() = new,
        }
    }));
    let mut nodes = vec![start];
    nodes.append(&mut first.take());
    nodes.push(end);
    Dom(nodes)
}

/// Removes the nodes between `start` and `end` (siblings).
fn clear_between(start: &Node, end: &Node) {
    while let Some(next) = start.next_sibling() {
        if &next == end {
            break;
        }
        detach(&next);
    }
}

fn detach(node: &Node) {
    if let Some(parent) = node.parent_node() {
        let _ = parent.remove_child(node);
    }
}

impl Dom {
    fn one(node: Node) -> Self {
        Dom(vec![node])
    }

    /// Appends these nodes to `parent` (the app's root).
    pub fn append_to(&self, parent: &Element) {
        for node in &self.0 {
            let _ = parent.append_with_node_1(node);
        }
    }

    /// Nothing.
    pub fn none() -> Self {
        Dom(Vec::new())
    }
}

impl From<El> for Dom {
    fn from(el: El) -> Self {
        Dom::one(el.0.into())
    }
}

impl From<Option<El>> for Dom {
    fn from(el: Option<El>) -> Self {
        el.map_or_else(Dom::none, Dom::from)
    }
}

impl From<Option<Dom>> for Dom {
    fn from(dom: Option<Dom>) -> Self {
        dom.unwrap_or_else(Dom::none)
    }
}

impl From<&str> for Dom {
    fn from(value: &str) -> Self {
        text(value)
    }
}

impl From<String> for Dom {
    fn from(value: String) -> Self {
        text(&value)
    }
}

impl From<Vec<El>> for Dom {
    fn from(elements: Vec<El>) -> Self {
        Dom(elements.into_iter().map(|e| e.0.into()).collect())
    }
}

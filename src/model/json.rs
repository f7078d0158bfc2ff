//! JSON text ↔ `serde_json::Value`. In the browser the text is read and written by
//! the browser's own `JSON.parse`/`JSON.stringify` (serde_json's text parser and
//! float formatting cost ~20 KB of WebAssembly); on the host, by serde_json.
//! `Value` and the `serde` derives stay as they are.

use serde_json::Value;

/// The value of a JSON text, or why it is not one.
pub fn parse(text: &str) -> Result<Value, String> {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JSON::parse(text).map(|v| from_js(&v)).map_err(|e| {
            js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_else(|| "not JSON".into())
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// The JSON text of a value: compact, or indented by two spaces.
pub fn text(value: &Value, pretty: bool) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let js = to_js(value);
        let written = if pretty {
            js_sys::JSON::stringify_with_replacer_and_space(
                &js,
                &wasm_bindgen::JsValue::NULL,
                &wasm_bindgen::JsValue::from_f64(2.0),
            )
        } else {
            js_sys::JSON::stringify(&js)
        };
        written.ok().and_then(|s| s.as_string()).unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        if pretty {
            serde_json::to_string_pretty(value).unwrap_or_default()
        } else {
            value.to_string()
        }
    }
}

/// What the tab keeps as JSON (a draft, recent customers, a half-typed form), written and
/// read by hand: serde derives and serde_json's typed (de)serializers cost ~15 KB of
/// WebAssembly for these three shapes. Reading is lenient: anything unexpected is `None`.
pub trait Stored: Sized {
    fn to_value(&self) -> Value;
    fn from_value(value: &Value) -> Option<Self>;
}

/// Text by key, as a JSON object.
pub fn object_of_strings(map: &std::collections::BTreeMap<String, String>) -> Value {
    Value::Object(
        map.iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

/// A JSON object whose values are all text; `None` for anything else.
pub fn strings_of_object(value: &Value) -> Option<std::collections::BTreeMap<String, String>> {
    let mut map = std::collections::BTreeMap::new();
    for (k, v) in value.as_object()? {
        map.insert(k.clone(), v.as_str()?.to_string());
    }
    Some(map)
}

/// A text field of an object (`None` when missing or not text).
pub fn text_field(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(String::from)
}

impl<T: Stored> Stored for Vec<T> {
    fn to_value(&self) -> Value {
        Value::Array(self.iter().map(Stored::to_value).collect())
    }

    fn from_value(value: &Value) -> Option<Self> {
        value.as_array()?.iter().map(T::from_value).collect()
    }
}

impl<T: Stored> Stored for (T, bool) {
    fn to_value(&self) -> Value {
        Value::Array(vec![self.0.to_value(), Value::Bool(self.1)])
    }

    fn from_value(value: &Value) -> Option<Self> {
        match value.as_array()?.as_slice() {
            [first, Value::Bool(flag)] => Some((T::from_value(first)?, *flag)),
            _ => None,
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue) -> Value {
    use js_sys::{Array, Object};
    use wasm_bindgen::JsCast;
    if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        // Integers stay integers (ids, counts); others are floats.
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if Array::is_array(v) {
        Value::Array(
            v.unchecked_ref::<Array>()
                .iter()
                .map(|x| from_js(&x))
                .collect(),
        )
    } else if let Some(object) = v.dyn_ref::<Object>() {
        // Inserted one by one: collecting would sort (and bring a sort for this pair type).
        let mut map = serde_json::Map::new();
        for pair in Object::entries(object).iter() {
            let pair = pair.unchecked_into::<Array>();
            if let Some(key) = pair.get(0).as_string() {
                map.insert(key, from_js(&pair.get(1)));
            }
        }
        Value::Object(map)
    } else {
        Value::Null
    }
}

#[cfg(target_arch = "wasm32")]
fn to_js(v: &Value) -> wasm_bindgen::JsValue {
    use wasm_bindgen::JsValue;
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or_default()),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Object(map) => {
            let object = js_sys::Object::new();
            for (k, x) in map {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(k), &to_js(x));
            }
            object.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_and_back() {
        let v = json!({"id": "C", "n": 3, "on": true, "none": null, "list": ["a", 1.5]});
        assert_eq!(parse(&text(&v, false)), Ok(v.clone()));
        assert_eq!(parse(&text(&v, true)), Ok(v.clone()));
        assert!(text(&v, true).contains("\n  \"id\": \"C\""));
        assert!(parse("{\"a\":").is_err());
    }

    #[derive(Debug, PartialEq)]
    struct Kept(String);

    impl Stored for Kept {
        fn to_value(&self) -> Value {
            serde_json::json!({ "name": self.0 })
        }
        fn from_value(value: &Value) -> Option<Self> {
            text_field(value, "name").map(Kept)
        }
    }

    #[test]
    fn stored_shapes_go_there_and_back() {
        let kept = vec![Kept("a".into()), Kept("b".into())];
        let text = text(&kept.to_value(), false);
        assert_eq!(text, r#"[{"name":"a"},{"name":"b"}]"#);
        assert_eq!(
            parse(&text).ok().and_then(|v| Vec::<Kept>::from_value(&v)),
            Some(kept)
        );
        let pair = (Kept("x".into()), true);
        assert_eq!(<(Kept, bool)>::from_value(&pair.to_value()), Some(pair));
        // Anything unexpected reads as nothing.
        assert_eq!(
            Vec::<Kept>::from_value(&serde_json::json!([{ "name": 1 }])),
            None
        );
        assert_eq!(
            <(Kept, bool)>::from_value(&serde_json::json!([{ "name": "x" }])),
            None
        );
        let strings = strings_of_object(&serde_json::json!({ "a": "1", "b": "2" })).unwrap();
        assert_eq!(
            strings_of_object(&object_of_strings(&strings)),
            Some(strings)
        );
        assert_eq!(strings_of_object(&serde_json::json!({ "a": 1 })), None);
    }
}

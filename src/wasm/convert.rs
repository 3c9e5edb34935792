//! Conversions across the JS boundary.

use crate::error::Error;
use js_sys::{Array, Float64Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A Rust error as a JS `Error` with `code` and `location`.
pub fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let _ = Reflect::set(&err, &"code".into(), &e.code_str().into());
    if let Ok(loc) = to_js(&e.location) {
        let _ = Reflect::set(&err, &"location".into(), &loc);
    }
    err.into()
}

/// Serialize a value as a plain JS object (maps as objects, not `Map`).
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// Read options from JS (`undefined`/`null` → default).
pub fn from_js<T: serde::de::DeserializeOwned + Default>(v: JsValue) -> Result<T, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| {
        let err = js_sys::Error::new(&format!("E_INVALID_PARAMETER: invalid options: {e}"));
        let _ = Reflect::set(&err, &"code".into(), &"E_INVALID_PARAMETER".into());
        JsValue::from(err)
    })
}

/// A small builder for result objects with typed-array columns.
pub struct Obj(pub Object);

impl Obj {
    pub fn new() -> Self {
        Obj(Object::new())
    }
    pub fn set(self, k: &str, v: impl Into<JsValue>) -> Self {
        let _ = Reflect::set(&self.0, &k.into(), &v.into());
        self
    }
    pub fn f64s(self, k: &str, v: &[f64]) -> Self {
        let arr = Float64Array::from(v);
        self.set(k, arr)
    }
    pub fn strings<'a>(self, k: &str, v: impl IntoIterator<Item = &'a String>) -> Self {
        let arr: Array = v.into_iter().map(|s| JsValue::from_str(s)).collect();
        self.set(k, arr)
    }
    pub fn ser<T: Serialize + ?Sized>(self, k: &str, v: &T) -> Result<Self, JsValue> {
        let js = to_js(v)?;
        Ok(self.set(k, js))
    }
    pub fn done(self) -> JsValue {
        self.0.into()
    }
}

//! Emits operations by name with JSON values (behind the output crate's `json` feature): the
//! client's `call_json` and a `JsonService` answering every operation from a closure.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::Context;

impl Context<'_> {
    /// `call_json` on the client and the `JsonService` adapter, or nothing without serde.
    pub fn emit_json(&self) -> TokenStream {
        if !self.serde {
            return quote!();
        }
        let plan = self.plan;
        let client = format_ident!("{}", plan.client_name);
        let service = format_ident!("{}", plan.service_trait);
        let request_headers = format_ident!("{}", plan.request_headers);
        let response_headers = format_ident!("{}", plan.response_headers);
        let failure = match &plan.failure {
            Some(f) => {
                let ident = format_ident!("{}", f.exception_type);
                quote!(#ident)
            }
            None => quote!(soap_runtime::error::NoServiceFailure),
        };
        let failure = match &plan.faults {
            Some(declared) => {
                let ident = format_ident!("{}", declared.name);
                quote!(#failure, #ident)
            }
            None => failure,
        };
        let calls = plan.operations.iter().map(|op| {
            let name = &op.name;
            let message_method = format_ident!("{}_message", op.method.trim_start_matches("r#"));
            if op.response.is_none() {
                return quote! {
                    #name => {
                        self.#message_method(soap_runtime::json::request(operation, request)?).await?;
                        Ok(soap_runtime::serde_json::Value::Null)
                    }
                };
            }
            quote! {
                #name => soap_runtime::json::reply(&self.#message_method(soap_runtime::json::request(operation, request)?).await?),
            }
        });
        let answers = plan.operations.iter().map(|op| {
            let method = self.field_ident(&op.method);
            let name = &op.name;
            let request_type = self.rust_type(&op.request.1);
            if op.response.is_none() {
                return quote! {
                    fn #method(&self, request: Message<#request_headers, #request_type>) -> impl std::future::Future<Output = Result<(), Fault>> + Send {
                        let answer = soap_runtime::serde_json::to_value(&request)
                            .map_err(|e| Fault::receiver(SoapVersion::Soap11, format!("cannot express the {} request as JSON: {e}", #name)))
                            .and_then(|value| (self.0)(#name, value))
                            .map(|_| ());
                        async move { answer }
                    }
                };
            }
            let response_type = op.response.as_ref().map(|(_, s)| self.rust_type(s)).unwrap_or(quote!(()));
            quote! {
                fn #method(&self, request: Message<#request_headers, #request_type>) -> impl std::future::Future<Output = Result<Message<#response_headers, #response_type>, Fault>> + Send {
                    let answer = soap_runtime::json::answer(&self.0, #name, &request);
                    async move { answer }
                }
            }
        });
        quote! {
            #[cfg(feature = "json")]
            impl #client {
                /// Calls the operation named `operation` with its request element as JSON (wire
                /// names); returns the response as `{"Headers": .., "Body": ..}`.
                pub async fn call_json(&self, operation: &str, request: soap_runtime::serde_json::Value) -> Result<soap_runtime::serde_json::Value, soap_runtime::json::JsonCallError<#failure>> {
                    match operation {
                        #(#calls)*
                        other => Err(soap_runtime::json::JsonCallError::UnknownOperation(other.to_string())),
                    }
                }
            }

            /// A service that answers every operation through a closure on JSON values: it gets
            /// the operation's name and the request as `{"Headers": .., "Body": ..}` and returns
            /// the response the same way (missing parts default), or a fault.
            #[cfg(feature = "json")]
            pub struct JsonService<F>(pub F);

            #[cfg(feature = "json")]
            impl<F> #service for JsonService<F>
            where
                F: Fn(&str, soap_runtime::serde_json::Value) -> Result<soap_runtime::serde_json::Value, Fault> + Send + Sync + 'static,
            {
                #(#answers)*
            }
        }
    }
}

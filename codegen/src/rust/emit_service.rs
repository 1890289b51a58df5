//! Emits the service side of a plan: namespace and operation tables, the client, the server
//! trait and its dispatcher.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::Context;
use super::plan::{Occurs, Shape};
use super::rustdoc::documented;
use super::service::OperationPlan;
use super::shapes::has_named_codec;
use crate::model::{AddressingVersion, SoapVersion};

fn doc(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote!(#[doc = #text])
}

/// The clippy lints an operation's method answers by its shape rather than by choice:
/// `too_many_arguments` for one taking 7 or more `params`, `wrong_self_convention` for one
/// whose name an operation gave a conversion prefix (`IntoQueue`, `FromTemplate`: every
/// method takes `&self`, which clippy expects of neither `into_*` nor `from_*`), and
/// `disallowed_names` for one with a parameter the contract named `foo`, `baz` or `quux`
/// (clippy's default placeholder names, which test contracts use).
fn method_allows(method: &str, params: &[TokenStream]) -> TokenStream {
    let method = method.trim_start_matches("r#");
    let many = (params.len() >= 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let convention = (method.starts_with("into_")
        || method.starts_with("from_")
        || (method.starts_with("to_") && method.ends_with("_mut")))
    .then(|| quote!(#[allow(clippy::wrong_self_convention)]));
    let placeholder = params
        .iter()
        .any(|param| is_placeholder_name(&param_name(param)))
        .then(|| quote!(#[allow(clippy::disallowed_names)]));
    quote!(#many #convention #placeholder)
}

/// The name a parameter (`name: Type`) binds.
fn param_name(param: &TokenStream) -> String {
    param
        .clone()
        .into_iter()
        .next()
        .map(|first| first.to_string())
        .unwrap_or_default()
}

/// True for the names clippy's `disallowed_names` lint refuses by default.
fn is_placeholder_name(name: &str) -> bool {
    matches!(name.trim_start_matches("r#"), "foo" | "baz" | "quux")
}

impl Context<'_> {
    fn version_tokens(&self) -> TokenStream {
        match self.plan.version {
            SoapVersion::Soap11 => quote!(SoapVersion::Soap11),
            SoapVersion::Soap12 => quote!(SoapVersion::Soap12),
        }
    }

    /// The namespace table and one constant per namespace.
    pub fn emit_namespaces(&self) -> TokenStream {
        let table = self.namespace_table();
        if !table.is_empty() {
            self.use_runtime("Ns");
        }
        let uris = table.iter().map(|(_, _, uri)| uri);
        let consts = table.iter().map(|(name, index, uri)| {
            let ident = format_ident!("{}", name);
            let index = proc_macro2::Literal::u8_unsuffixed(*index);
            let ns_doc = doc(&format!("The namespace `{uri}`."));
            quote! { #ns_doc pub const #ident: Ns = Ns(#index); }
        });
        quote! {
            /// Every namespace the messages use; declared once on each envelope.
            pub const NAMESPACES: &[&str] = &[#(#uris),*];
            #(#consts)*
        }
    }

    /// One `Operation` constant per operation, and the table of all.
    pub fn emit_operations(&self) -> TokenStream {
        let consts = self.plan.operations.iter().map(|op| {
            let ident = format_ident!("{}", op.constant);
            let name = &op.name;
            let action = &op.action;
            let request = self.name(&op.request.0);
            let response = op.response.as_ref().map(|(q, _)| self.name(q)).unwrap_or_else(|| request.clone());
            let empty_response = op.response.as_ref().is_some_and(|(q, _)| q.local.is_empty());
            let empty = if op.request.0.local.is_empty() || empty_response {
                " An empty element name stands for a message without parts (an empty body)."
            } else {
                ""
            };
            let op_doc = if op.response.is_some() {
                doc(&format!("The `{name}` operation ({}).{empty}", soap_action(action)))
            } else {
                doc(&format!("The one-way `{name}` operation ({}): no response message; `response` repeats the request element.", soap_action(action)))
            };
            let encoded = op.encoded;
            quote! {
                #op_doc
                pub const #ident: Operation = Operation { name: #name, action: #action, request: #request, response: #response, encoded: #encoded };
            }
        });
        let all = self
            .plan
            .operations
            .iter()
            .map(|op| format_ident!("{}", op.constant));
        let addressing = self.emit_addressing();
        quote! {
            #(#consts)*
            /// Every operation, in binding order.
            pub const OPERATIONS: &[Operation] = &[#(#all),*];
            #addressing
        }
    }

    /// The `ADDRESSING` constant (version and actions), when the port speaks WS-Addressing.
    fn emit_addressing(&self) -> Option<TokenStream> {
        let policy = self.plan.addressing?;
        let version = match policy.version {
            AddressingVersion::W3c10 => quote!(W3c10),
            AddressingVersion::Submission200408 => quote!(Submission200408),
        };
        let required = policy.required;
        let actions = self.plan.operations.iter().map(|op| {
            let name = &op.name;
            let input = &op.input_action;
            let output = &op.output_action;
            quote!(soap_runtime::addressing::Actions { operation: #name, input: #input, output: #output })
        });
        let note = if required {
            "requests must carry the headers"
        } else {
            "the headers are optional in requests"
        };
        let addressing_doc = doc(&format!(
            "WS-Addressing as this port speaks it ({note}): the version and each operation's actions."
        ));
        Some(quote! {
            #addressing_doc
            pub const ADDRESSING: soap_runtime::addressing::Addressing = soap_runtime::addressing::Addressing {
                version: soap_runtime::addressing::AddressingVersion::#version,
                required: #required,
                actions: &[#(#actions),*],
            };
        })
    }

    fn response_type(&self, op: &OperationPlan) -> TokenStream {
        op.response
            .as_ref()
            .map(|(_, shape)| self.rust_type(shape))
            .unwrap_or(quote!(()))
    }

    /// What the short client method returns, and how to get it from the response body.
    pub(super) fn unwrapped(&self, op: &OperationPlan) -> (TokenStream, TokenStream) {
        let Some((_, shape)) = &op.response else {
            return (quote!(()), quote!(()));
        };
        if *shape == Shape::Builtin("()") {
            return (quote!(()), quote!(()));
        }
        let whole = (self.rust_type(shape), quote!(reply.body));
        let Shape::Struct(name) = shape else {
            return whole;
        };
        let Some(plan) = self.plan.types.structs.get(name) else {
            return whole;
        };
        match plan.fields.as_slice() {
            [] => (quote!(()), quote!(())),
            [only] => {
                let ident = self.field_ident(&only.rust_name);
                let value_type = matches!(&only.shape, Shape::Builtin(b) if !matches!(*b, "String" | "Vec<u8>"))
                    || matches!(only.shape, Shape::Enum(_) | Shape::Flags(_));
                if only.occurs == Occurs::Optional && !only.nillable && value_type && !only.boxed {
                    // WCF leaves out a value-type result equal to its default (EmitDefaultValue=false).
                    (
                        self.rust_type(&only.shape),
                        quote!(reply.body.#ident.unwrap_or_default()),
                    )
                } else {
                    (self.field_type(only), quote!(reply.body.#ident))
                }
            }
            _ => whole,
        }
    }

    pub(super) fn request_parameters(&self, op: &OperationPlan) -> (Vec<TokenStream>, TokenStream) {
        let (element, shape) = &op.request;
        let body_type = self.rust_type(shape);
        match shape {
            Shape::Struct(name) => {
                let fields = self
                    .plan
                    .types
                    .structs
                    .get(name)
                    .map(|s| s.fields.as_slice())
                    .unwrap_or_default();
                let params = fields
                    .iter()
                    .map(|f| {
                        let ident = self.field_ident(&f.rust_name);
                        let ty = self.field_type(f);
                        quote!(#ident: #ty)
                    })
                    .collect();
                let names = fields.iter().map(|f| self.field_ident(&f.rust_name));
                (params, quote!(#body_type { #(#names),* }))
            }
            Shape::Builtin("()") => (Vec::new(), quote!(())),
            _ => {
                let ident = self.field_ident(&super::names::value_name(&element.local));
                (vec![quote!(#ident: #body_type)], quote!(#ident))
            }
        }
    }

    /// The client struct.
    pub fn emit_client(&self) -> TokenStream {
        let plan = self.plan;
        let client = format_ident!("{}", plan.client_name);
        let request_headers = format_ident!("{}", plan.request_headers);
        let response_headers = format_ident!("{}", plan.response_headers);
        let version = self.version_tokens();
        let client_doc = if plan.service_name.is_empty() {
            doc(&format!(
                "Client of binding `{}` ({}); the WSDL gives it no address: pass the service's URL to `new`. Cheap to clone; clones share connections.",
                plan.binding.name.local, plan.version
            ))
        } else {
            let no_address = if plan.port.address.is_none() {
                " The WSDL gives the port no address: pass the service's URL to `new`."
            } else {
                ""
            };
            doc(&format!(
                "Client of port `{}` of service `{}` (binding `{}`, {}).{no_address} Cheap to clone; clones share connections.",
                plan.port.name, plan.service_name, plan.binding.name.local, plan.version
            ))
        };
        // Only a port with an address has a default endpoint.
        let default_endpoint = plan.port.address.as_ref().map(|address| {
            quote! {
                /// The address the WSDL gives for this port.
                pub const DEFAULT_ENDPOINT: &'static str = #address;

            }
        });
        let header_setters = plan
            .types
            .structs
            .get(&plan.request_headers)
            .map(|h| h.fields.clone())
            .unwrap_or_default();
        let setters = header_setters.iter().map(|f| {
            let ident = self.field_ident(&f.rust_name);
            let setter = format_ident!("with_{}", f.rust_name.trim_start_matches("r#"));
            let ty = self.rust_type(&f.shape);
            let setter_doc = doc(&format!(
                "Sends the `{}` header with every call.",
                f.wire.local
            ));
            let placeholder = is_placeholder_name(&f.rust_name)
                .then(|| quote!(#[allow(clippy::disallowed_names)]));
            quote! {
                #setter_doc
                #placeholder
                pub fn #setter(mut self, #ident: #ty) -> Self {
                    self.headers.#ident = Some(#ident);
                    self
                }
            }
        });
        let methods = plan.operations.iter().map(|op| {
            let method = self.field_ident(&op.method);
            let message_method = format_ident!("{}_message", op.method.trim_start_matches("r#"));
            let constant = format_ident!("{}", op.constant);
            let request_type = self.rust_type(&op.request.1);
            let response_type = self.response_type(op);
            let (params, build) = self.request_parameters(op);
            let (returns, extract) = self.unwrapped(op);
            let faults_note = self.faults_note(op);
            if op.response.is_none() {
                let short_doc = documented(op.doc.as_deref(), &format!(
                    "Calls the one-way `{}` ({}): success is the server's acceptance, there is no response message.{faults_note}",
                    op.name, soap_action(&op.action)
                ));
                let message_doc = documented(op.doc.as_deref(), &format!(
                    "Calls the one-way `{}` with a whole request element.",
                    op.name
                ));
                let many = method_allows(&op.method, &params);
                let message_allows = method_allows(&message_method.to_string(), &[quote!(request)]);
                return quote! {
                    #short_doc
                    #many
                    pub async fn #method(&self, #(#params),*) -> Result<(), Error> {
                        self.#message_method(#build).await
                    }
                    #message_doc
                    #message_allows
                    pub fn #message_method(&self, request: #request_type) -> impl std::future::Future<Output = Result<(), Error>> + Send + '_ {
                        self.send_one_way(&#constant, request)
                    }
                };
            }
            let short_doc = documented(
                op.doc.as_deref(),
                &format!(
                    "Calls `{}` ({}).{faults_note}",
                    op.name, soap_action(&op.action)
                ),
            );
            let message_doc = documented(
                op.doc.as_deref(),
                &format!(
                    "Calls `{}` with a whole request element; returns the response headers and body.",
                    op.name
                ),
            );
            let bind_reply = if extract.to_string() == "()" {
                quote!(self.#message_method(#build).await?;)
            } else {
                quote!(let reply = self.#message_method(#build).await?;)
            };
            let many = method_allows(&op.method, &params);
            let message_allows = method_allows(&message_method.to_string(), &[quote!(request)]);
            quote! {
                #short_doc
                #many
                pub async fn #method(&self, #(#params),*) -> Result<#returns, Error> {
                    #bind_reply
                    Ok(#extract)
                }
                #message_doc
                #message_allows
                pub fn #message_method(&self, request: #request_type) -> impl std::future::Future<Output = Result<Message<#response_headers, #response_type>, Error>> + Send + '_ {
                    self.send(&#constant, request)
                }
            }
        });
        let check = self
            .plan
            .failure
            .as_ref()
            .map(|_| quote!(check_failure(&received.message.headers)?;));
        let has_request_response = plan.operations.iter().any(|op| op.response.is_some());
        let send = has_request_response.then(|| {
            quote! {
                /// The call every `_message` method returns (they are plain functions returning this
                /// future, with no state machine of their own per operation).
                async fn send<B: XmlValue + Send, R: XmlValue>(&self, operation: &'static Operation, body: B) -> Result<Message<#response_headers, R>, Error> {
                    let received = self
                        .client
                        .call::<#request_headers, B, #response_headers, R>(NAMESPACES, operation, &self.headers, &body)
                        .await
                        .map_err(Error::widen)?;
                    #check
                    Ok(received.message)
                }
            }
        });
        let send_one_way = plan.operations.iter().any(|op| op.response.is_none()).then(|| {
            quote! {
                /// The one-way call every one-way `_message` method returns.
                async fn send_one_way<B: XmlValue + Send>(&self, operation: &'static Operation, body: B) -> Result<(), Error> {
                    self.client
                        .call_one_way(NAMESPACES, operation, &self.headers, &body)
                        .await
                        .map_err(Error::widen)
                }
            }
        });
        let with_addressing = plan
            .addressing
            .is_some()
            .then(|| quote!(.with_addressing(ADDRESSING)));
        let with_mtom = plan
            .mtom
            .then(|| quote!(.with_mtom(soap_runtime::mtom::Mtom::DEFAULT)));
        let client_field = if plan.addressing.is_some() || plan.mtom {
            quote!(client: client #with_addressing #with_mtom)
        } else {
            quote!(client)
        };
        let addressing_note = plan.addressing.is_some().then(|| {
            quote! {
                ///
                /// Every request carries the WS-Addressing headers of [`ADDRESSING`].
            }
        });
        let mtom_note = plan.mtom.then(|| {
            quote! {
                ///
                /// Requests go as MTOM: binary values of 1 KiB or more in MIME parts of their own.
            }
        });
        quote! {
            #client_doc
            #addressing_note
            #mtom_note
            #[derive(Debug, Clone)]
            pub struct #client {
                client: Client,
                headers: #request_headers,
            }

            impl #client {
                #default_endpoint
                /// A client for the service at `endpoint`, over the default HTTP transport.
                pub fn new(endpoint: impl Into<String>) -> Self {
                    Self::with_client(Client::new(endpoint).with_version(#version))
                }

                /// A client over a configured runtime client (transport, limits, version).
                pub fn with_client(client: Client) -> Self {
                    Self { #client_field, headers: #request_headers::default() }
                }

                /// The runtime client underneath.
                pub fn client(&self) -> &Client {
                    &self.client
                }

                /// The headers sent with every call.
                pub fn headers(&self) -> &#request_headers {
                    &self.headers
                }

                /// The headers sent with every call, to change.
                pub fn headers_mut(&mut self) -> &mut #request_headers {
                    &mut self.headers
                }

                #(#setters)*

                #send

                #send_one_way

                #(#methods)*
            }
        }
    }

    /// The error type alias and, under the failure convention, its check.
    pub fn emit_error(&self) -> TokenStream {
        let response_headers = format_ident!("{}", self.plan.response_headers);
        let faults = self.emit_faults();
        let Some(failure) = &self.plan.failure else {
            return match &self.plan.faults {
                None => quote! {
                    /// Everything a call can fail with.
                    pub type Error = soap_runtime::Error;
                },
                Some(declared) => {
                    let ident = format_ident!("{}", declared.name);
                    let error_doc = doc(&format!(
                        "Everything a call can fail with; a SOAP fault with a declared detail is `Error::DeclaredFault` with a [`{}`].",
                        declared.name
                    ));
                    quote! {
                        #error_doc
                        pub type Error = soap_runtime::Error<soap_runtime::NoServiceFailure, #ident>;
                        #faults
                    }
                }
            };
        };
        let exception = format_ident!("{}", failure.exception_type);
        let exception_field = self.field_ident(&failure.exception_field);
        // Emitted with the exception's struct: in the shared module when that is shared.
        let failure_impl = if self.emits(&failure.exception_type) {
            self.emit_failure_impl()
        } else {
            quote!()
        };
        let has_message = match &failure.message_field {
            Some(field) => {
                let field = self.field_ident(field);
                quote!(headers.#exception_field.as_ref().is_some_and(|e| e.#field.is_some()))
            }
            None => quote!(headers.#exception_field.is_some()),
        };
        let failed = match &failure.succeeded_field {
            Some(succeeded) => {
                let succeeded = self.field_ident(succeeded);
                quote!(headers.#succeeded == Some(false) || #has_message)
            }
            None => has_message,
        };
        let exception_name = &failure.exception_type;
        let error_doc = doc(&format!(
            "Everything a call can fail with; a failure the service reports in its response headers is `Error::Service` with the `{exception_name}`."
        ));
        let alias = match &self.plan.faults {
            None => quote!(pub type Error = soap_runtime::Error<#exception>;),
            Some(declared) => {
                let ident = format_ident!("{}", declared.name);
                quote!(pub type Error = soap_runtime::Error<#exception, #ident>;)
            }
        };
        quote! {
            #error_doc
            #alias
            #faults
            #failure_impl

            /// Turns a failure reported in the response headers into `Error::Service`.
            fn check_failure(headers: &#response_headers) -> Result<(), Error> {
                if #failed {
                    let info = headers.#exception_field.clone().unwrap_or_default();
                    return Err(soap_runtime::Error::Service(Box::new(info)));
                }
                Ok(())
            }
        }
    }

    /// `impl ServiceFailure` for the exception struct of the failure convention, if any.
    pub fn emit_failure_impl(&self) -> TokenStream {
        let Some(failure) = &self.plan.failure else {
            return quote!();
        };
        let exception = format_ident!("{}", failure.exception_type);
        let message = match &failure.message_field {
            Some(field) => {
                let field = self.field_ident(field);
                quote!(self.#field.clone().unwrap_or_default())
            }
            None => quote!(format!("{self:?}")),
        };
        quote! {
            impl ServiceFailure for #exception {
                fn message(&self) -> String {
                    #message
                }
            }
        }
    }

    /// The server trait, the dispatcher and the server struct.
    pub fn emit_server(&self) -> TokenStream {
        let plan = self.plan;
        let service = format_ident!("{}", plan.service_trait);
        let server = format_ident!("{}", plan.server_name);
        let request_headers = format_ident!("{}", plan.request_headers);
        let response_headers = format_ident!("{}", plan.response_headers);
        let path = &plan.server_path;
        let trait_methods = plan.operations.iter().map(|op| {
            let method = self.field_ident(&op.method);
            let request_type = self.rust_type(&op.request.1);
            let response_type = self.response_type(op);
            let name = &op.name;
            let allows = method_allows(&op.method, &[quote!(request)]);
            if op.response.is_none() {
                let method_doc = documented(op.doc.as_deref(), &format!(
                    "Handles the one-way `{name}` ({}): `Ok` answers `202 Accepted`. By default: a \"not implemented\" fault.",
                    soap_action(&op.action)
                ));
                return quote! {
                    #method_doc
                    #allows
                    fn #method(&self, request: Message<#request_headers, #request_type>) -> impl std::future::Future<Output = Result<(), Fault>> + Send {
                        let _ = request;
                        std::future::ready(Err(Fault::not_implemented(SoapVersion::Soap11, #name)))
                    }
                };
            }
            let faults_note = self.faults_note(op);
            let method_doc = documented(
                op.doc.as_deref(),
                &format!(
                    "Answers `{name}` ({}). By default: a \"not implemented\" fault.{faults_note}",
                    soap_action(&op.action)
                ),
            );
            quote! {
                #method_doc
                #allows
                fn #method(&self, request: Message<#request_headers, #request_type>) -> impl std::future::Future<Output = Result<Message<#response_headers, #response_type>, Fault>> + Send {
                    let _ = request;
                    std::future::ready(Err(Fault::not_implemented(SoapVersion::Soap11, #name)))
                }
            }
        });
        let arms = plan.operations.iter().enumerate().map(|(index, op)| {
            let index = proc_macro2::Literal::usize_unsuffixed(index);
            let method = self.field_ident(&op.method);
            let constant = format_ident!("{}", op.constant);
            // Each arm boxes its own future, as large as its operation needs (one future
            // for every operation would be as large as the largest, and copied whole into its
            // box on every request).
            if op.response.is_none() {
                return quote! {
                    #index => Box::pin(async move {
                        serve_one_way(&request, &selected, NAMESPACES, &#constant, settings, |m| service.#method(m)).await
                    }),
                };
            }
            quote! {
                #index => Box::pin(async move {
                    serve_operation(&request, &selected, NAMESPACES, &#constant, settings, |m| service.#method(m)).await
                }),
            }
        });
        let select = match plan.addressing {
            Some(_) => quote!(select_addressed(
                &request,
                NAMESPACES,
                OPERATIONS,
                &ADDRESSING,
                &self.settings.limits
            )),
            None => quote!(select(
                &request,
                NAMESPACES,
                OPERATIONS,
                &self.settings.limits
            )),
        };
        // The policy asks for MTOM: answers go as MTOM whatever the request came as.
        let select = if plan.mtom {
            quote!(#select.map(|s| s.answer_with_mtom(soap_runtime::mtom::Mtom::DEFAULT)))
        } else {
            select
        };
        let trait_doc = doc(&format!(
            "The server side of port type `{}`: implement the operations you need; the others answer a \"not implemented\" SOAP fault.",
            plan.binding.port_type.local
        ));
        let server_doc = doc(&format!(
            "Serves a [`{}`] over HTTP at `{path}`, or dispatches requests you receive yourself.",
            plan.service_trait
        ));
        quote! {
            #trait_doc
            pub trait #service: Send + Sync + 'static {
                #(#trait_methods)*
            }

            #server_doc
            #[derive(Debug)]
            pub struct #server<S> {
                service: std::sync::Arc<S>,
                settings: ServerSettings,
            }

            impl<S: #service> #server<S> {
                /// The HTTP path the server answers at.
                pub const DEFAULT_PATH: &'static str = #path;

                /// A server for `service`, with default limits.
                pub fn new(service: S) -> Self {
                    Self::shared(std::sync::Arc::new(service))
                }

                /// A server for a service the caller keeps a handle on (to look at what it
                /// received, say), with default limits.
                pub fn shared(service: std::sync::Arc<S>) -> Self {
                    Self { service, settings: ServerSettings::default() }
                }

                /// The same server with other limits on what it accepts.
                pub fn with_limits(mut self, limits: Limits) -> Self {
                    self.settings.limits = limits;
                    self
                }

                /// The same server accepting requests that carry header block `local` in
                /// `namespace` marked `mustUnderstand`, which the service processes itself (a
                /// `wsse:Security` header its handlers read with
                /// `soap_runtime::server::undeclared_headers`); other such blocks the contract
                /// does not declare are answered with a `MustUnderstand` fault.
                pub fn understand_header(mut self, namespace: impl Into<String>, local: impl Into<String>) -> Self {
                    self.settings.understood_headers.push((namespace.into(), local.into()));
                    self
                }

                /// The same server serving over HTTP only the requests `authenticator` lets
                /// through (`soap_runtime::server::BasicAuth`, say): it sees each request's head
                /// before the body is read and decides at once; a request it refuses is answered
                /// as its `Refusal` says: `401` with its challenges, `403` or `503`.
                /// Handlers read the user it let through with
                /// `soap_runtime::server::authenticated_user`.
                pub fn with_http_authenticator(mut self, authenticator: impl soap_runtime::server::HttpAuthenticator) -> Self {
                    self.settings.http_authenticator = Some(soap_runtime::server::HttpAuthentication::sync(authenticator));
                    self
                }

                /// The same server serving over HTTP only the requests `authenticator` lets
                /// through, awaiting it before the body is read: a token looked up in a database,
                /// a directory or an introspection endpoint. Refusals and the user are as with
                /// [`Self::with_http_authenticator`].
                pub fn with_async_http_authenticator(mut self, authenticator: impl soap_runtime::server::AsyncHttpAuthenticator) -> Self {
                    self.settings.http_authenticator = Some(soap_runtime::server::HttpAuthentication::asynchronous(authenticator));
                    self
                }

                /// Answers one request: finds the operation by SOAP action or body element, decodes,
                /// calls the service, and encodes its answer or fault.
                pub async fn dispatch(&self, request: SoapRequest) -> SoapResponse {
                    self.handle(request).await
                }

                /// Starts serving over HTTP at `addr` (for example `127.0.0.1:0`) on [`Self::DEFAULT_PATH`].
                pub async fn bind(self, addr: impl soap_runtime::tokio::net::ToSocketAddrs) -> std::io::Result<Server> {
                    Server::bind_service(addr, Self::DEFAULT_PATH, self.into_service()).await
                }

                /// The server as a service over `http::Request`, to mount in an application that has
                /// its own HTTP server. With `soap-runtime`'s `tower` feature it is a `tower::Service`:
                /// in axum, `Router::route_service(path, server.into_service())` (at
                /// [`Self::DEFAULT_PATH`] or a path of your choice) beside the application's own
                /// routes and layers.
                pub fn into_service(self) -> soap_runtime::server::SoapService {
                    let server = std::sync::Arc::new(self);
                    soap_runtime::server::SoapService::with_settings(server.clone(), &server.settings)
                }
            }

            impl<S: #service> SoapHandler for #server<S> {
                /// Selects the operation at once, then runs it in a future of its own.
                fn handle(&self, request: SoapRequest) -> std::pin::Pin<Box<dyn std::future::Future<Output = SoapResponse> + Send + '_>> {
                    let selected = match #select {
                        Ok(selected) => selected,
                        Err(response) => return Box::pin(std::future::ready(response)),
                    };
                    let service = &*self.service;
                    let settings = &self.settings;
                    match selected.index {
                        #(#arms)*
                        _ => Box::pin(std::future::ready(fault_response(&Fault::sender(selected.version, "unknown operation"), NAMESPACES))),
                    }
                }
            }
        }
    }

    /// " Declared faults: …" for the docs of an operation that declares faults.
    fn faults_note(&self, op: &OperationPlan) -> String {
        let Some(declared) = &self.plan.faults else {
            return String::new();
        };
        if op.faults.is_empty() {
            return String::new();
        }
        let variants: Vec<String> = op
            .faults
            .iter()
            .map(|v| format!("[`{}::{v}`]", declared.name))
            .collect();
        format!(" Declared faults: {}.", variants.join(", "))
    }

    /// The enum of declared fault details, its `FaultDetail` impl and `to_fault`.
    fn emit_faults(&self) -> Option<TokenStream> {
        let declared = self.plan.faults.as_ref()?;
        let name = format_ident!("{}", declared.name);
        let enum_doc = doc(&format!(
            "The fault details the operations of port type `{}` declare (`wsdl:fault`), decoded from a SOAP fault's detail.",
            self.plan.binding.port_type.local
        ));
        let variants = declared.variants.iter().map(|v| {
            let ident = format_ident!("{}", v.variant);
            let ty = self.rust_type(&v.shape);
            let variant_doc = doc(&format!(
                "Fault `{}`: detail element `{}` in `{}`.",
                v.name, v.element.local, v.element.namespace
            ));
            quote! { #variant_doc #ident(#ty) }
        });
        let reads = declared.variants.iter().map(|v| {
            let ident = format_ident!("{}", v.variant);
            let local = &v.element.local;
            // Detail elements of one local name in several namespaces (an rpc/encoded fault
            // whose `soap:fault` namespace differs between operations) are told apart by it.
            let shared_local = declared
                .variants
                .iter()
                .filter(|other| other.element.local == v.element.local)
                .count()
                > 1;
            let guard = shared_local.then(|| {
                let namespace = &v.element.namespace;
                quote!(if r.namespace_of(e).unwrap_or_default() == #namespace)
            });
            // A detail of an array type (SOAP-encoded, `ArrayOfX`) is read and written by its
            // codec, as a field of that type is.
            let read = if !has_named_codec(&v.shape) {
                quote!(XmlValue::read_content(r, e)?)
            } else {
                let codec = self.codec(&v.shape);
                quote!(r.req(e, &#codec)?)
            };
            quote!(#local #guard => Some(Self::#ident(#read)),)
        });
        let writes = declared.variants.iter().map(|v| {
            let ident = format_ident!("{}", v.variant);
            let element = self.name(&v.element);
            if !has_named_codec(&v.shape) {
                quote!(Self::#ident(detail) => fault.with_detail(NAMESPACES, #element, detail),)
            } else {
                let codec = self.codec(&v.shape);
                quote!(Self::#ident(detail) => fault.with_coded_detail(NAMESPACES, #element, detail, &#codec),)
            }
        });
        let serde = self.serde.then(|| {
            quote! {
                #[cfg_attr(feature = "serde", derive(soap_runtime::serde::Serialize, soap_runtime::serde::Deserialize), serde(crate = "soap_runtime::serde"))]
            }
        });
        let variant_names: Vec<&str> = declared
            .variants
            .iter()
            .map(|v| v.variant.as_str())
            .collect();
        let acronyms = super::emit_types::name_allows(&declared.name, &variant_names);
        Some(quote! {
            #enum_doc
            #[derive(Debug, Clone, PartialEq)]
            #serde
            #[allow(clippy::large_enum_variant)]
            #acronyms
            pub enum #name {
                #(#variants,)*
            }

            impl #name {
                /// A SOAP fault with `reason` carrying this detail, for a service implementation to
                /// return. Its code is `Server` (`Receiver` in SOAP 1.2); set `code` for another.
                pub fn to_fault(&self, reason: impl Into<String>) -> Fault {
                    let reason = reason.into();
                    let fault = Fault::receiver(SoapVersion::Soap11, reason.clone());
                    let written = match self {
                        #(#writes)*
                    };
                    written.unwrap_or_else(|error| {
                        Fault::receiver(SoapVersion::Soap11, format!("{reason} (the fault detail cannot be encoded: {error})"))
                    })
                }
            }

            impl soap_runtime::FaultDetail for #name {
                /// The declared detail `fault` carries; `None` when it carries none or it does not
                /// decode (the caller then gets `Error::Fault` with the raw detail).
                fn from_fault(fault: &Fault) -> Option<Self> {
                    fault
                        .read_detail(Limits::default(), |r, e| {
                            Ok(match e.local_name() {
                                #(#reads)*
                                _ => None,
                            })
                        })
                        .ok()
                        .flatten()
                }
            }
        })
    }
}

/// How an operation's documentation names its SOAP action: an empty one (as many Java and
/// PHP services declare) is said in words rather than as an empty code span.
fn soap_action(action: &str) -> String {
    if action.is_empty() {
        "empty SOAP action".to_string()
    } else {
        format!("SOAP action `{action}`")
    }
}

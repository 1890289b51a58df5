//! The generated EMail types as the tests see them: every struct with its fields and element
//! names, every enumeration with its values. Written from `generated/src/email.rs` and checked
//! independently: by the compiler (struct literals name every field), by zeep (element names)
//! and by the schema (enumeration values, see `oracle_zeep.rs`).

use proptest::prelude::*;
use serde_json::Value;
use services82_email::*;

use super::model::{enums, structs, unknown_token, with_field, EnumModel, Gen, Model};

structs! {
    Carrier {
        table_right: "TableRight",
        field_properties: "FieldProperties",
    }
    Address: Carrier {
        wgs84_latitude: "Wgs84Latitude",
        wgs84_longitude: "Wgs84Longitude",
        localized_address: "LocalizedAddress",
    }
    Associate: Carrier {
        associate_id: "AssociateId",
        name: "Name",
        person_id: "PersonId",
        rank: "Rank",
        tooltip: "Tooltip",
        r#type: "Type",
        group_idx: "GroupIdx",
        full_name: "FullName",
        formal_name: "FormalName",
        deleted: "Deleted",
        ej_user_id: "EjUserId",
    }
    Authenticate {
        connection_info_extended: "ConnectionInfoExtended",
    }
    AuthenticateIncoming {
        connection_info: "ConnectionInfo",
    }
    AuthenticateIncomingResponse {
        response: "Response",
    }
    AuthenticateOutgoing {
        connection_info: "ConnectionInfo",
    }
    AuthenticateOutgoingResponse {
        response: "Response",
    }
    AuthenticateResponse {
        response: "Response",
    }
    Contact: Carrier {
        contact_id: "ContactId",
        name: "Name",
        org_nr: "OrgNr",
        department: "Department",
        url: "URL",
        city: "City",
        direct_phone: "DirectPhone",
        associate_id: "AssociateId",
        country_id: "CountryId",
        email_address: "EmailAddress",
        kananame: "Kananame",
        email_address_name: "EmailAddressName",
        url_name: "URLName",
        associate_full_name: "AssociateFullName",
        business_name: "BusinessName",
        category_name: "CategoryName",
        country_name: "CountryName",
        address: "Address",
        formatted_address: "FormattedAddress",
        full_name: "FullName",
        is_owner_contact: "IsOwnerContact",
        active_erp_links: "ActiveErpLinks",
    }
    CreateDefaultEMailAddress {
    }
    CreateDefaultEMailAddressResponse {
        response: "Response",
    }
    CreateDefaultEMailAttachment {
    }
    CreateDefaultEMailAttachmentResponse {
        response: "Response",
    }
    CreateDefaultEMailConnectionInfo {
    }
    CreateDefaultEMailConnectionInfoExtended {
    }
    CreateDefaultEMailConnectionInfoExtendedResponse {
        response: "Response",
    }
    CreateDefaultEMailConnectionInfoResponse {
        response: "Response",
    }
    CreateDefaultEMailCustomHeader {
    }
    CreateDefaultEMailCustomHeaderResponse {
        response: "Response",
    }
    CreateDefaultEMailEntity {
    }
    CreateDefaultEMailEntityResponse {
        response: "Response",
    }
    CreateDefaultEMailEnvelope {
    }
    CreateDefaultEMailEnvelopeResponse {
        response: "Response",
    }
    CreateDefaultEMailFolder {
    }
    CreateDefaultEMailFolderResponse {
        response: "Response",
    }
    CreateDefaultEMailSOInfo {
    }
    CreateDefaultEMailSOInfoResponse {
        response: "Response",
    }
    CreateEMailFromDocumentEntity {
        document_entity: "DocumentEntity",
    }
    CreateEMailFromDocumentEntityResponse {
        response: "Response",
    }
    CreateEMailFromMimeMessage {
        mime_message: "MimeMessage",
    }
    CreateEMailFromMimeMessageResponse {
        response: "Response",
    }
    CreateFolder {
        connection_info: "ConnectionInfo",
    }
    CreateFolderResponse {
    }
    Delete {
        connection_info: "ConnectionInfo",
        message_server_ids: "MessageServerIds",
        move_to_folder: "MoveToFolder",
    }
    DeleteExtended {
        connection_info_extended: "ConnectionInfoExtended",
        message_ids: "MessageIds",
    }
    DeleteExtendedResponse {
    }
    DeleteFolder {
        connection_info: "ConnectionInfo",
    }
    DeleteFolderResponse {
    }
    DeleteResponse {
    }
    DocumentEntity: Carrier {
        document_id: "DocumentId",
        updated_by: "UpdatedBy",
        created_by: "CreatedBy",
        attention: "Attention",
        header: "Header",
        name: "Name",
        our_ref: "OurRef",
        your_ref: "YourRef",
        created_date: "CreatedDate",
        updated_date: "UpdatedDate",
        description: "Description",
        document_template: "DocumentTemplate",
        person: "Person",
        associate: "Associate",
        contact: "Contact",
        project: "Project",
        date: "Date",
        external_ref: "ExternalRef",
        completed: "Completed",
        active_links: "ActiveLinks",
        r#type: "Type",
        links: "Links",
        lock_semantics: "LockSemantics",
        sale: "Sale",
        suggested_document_id: "SuggestedDocumentId",
        user_defined_fields: "UserDefinedFields",
        extra_fields: "ExtraFields",
        publish_event_date: "PublishEventDate",
        publish_to: "PublishTo",
        publish_from: "PublishFrom",
        is_published: "IsPublished",
        visible_for: "VisibleFor",
    }
    DocumentTemplate: Carrier {
        document_template_id: "DocumentTemplateId",
        name: "Name",
        tooltip: "Tooltip",
        save_in_db: "SaveInDb",
        filename: "Filename",
        default_oref: "DefaultOref",
        record_type: "RecordType",
        deleted: "Deleted",
        direction: "Direction",
        autoevent_id: "AutoeventId",
        quote_doc_type: "QuoteDocType",
    }
    EMailAddress: Carrier {
        contact_id: "ContactId",
        contact_name: "ContactName",
        person_id: "PersonId",
        person_name: "PersonName",
        associate_id: "AssociateId",
        address: "Address",
        email_id: "EmailId",
    }
    EMailAttachment: Carrier {
        description: "Description",
        filename: "Filename",
        size: "Size",
        r#type: "Type",
        encoding: "Encoding",
        id: "Id",
        disposition: "Disposition",
        stream: "Stream",
    }
    EMailConnectionInfo: Carrier {
        server_name: "ServerName",
        user_name: "UserName",
        password: "Password",
        folder: "Folder",
        use_ssl: "UseSSL",
    }
    EMailConnectionInfoExtended: Carrier {
        port: "Port",
        server_name: "ServerName",
        protocol: "Protocol",
        user_name: "UserName",
        password: "Password",
        use_ssl: "UseSSL",
        folder: "Folder",
    }
    EMailCustomHeader: Carrier {
        name: "Name",
        values: "Values",
    }
    EMailEntity: Carrier {
        to: "To",
        cc: "Cc",
        bcc: "Bcc",
        subject: "Subject",
        html_body: "HTMLBody",
        from: "From",
        sent: "Sent",
        size: "Size",
        priority: "Priority",
        flags: "Flags",
        message_id: "MessageID",
        plain_body: "PlainBody",
        is_sent: "IsSent",
        email_so_info: "EMailSOInfo",
        server_id: "ServerId",
        attachments: "Attachments",
        custom_header_list: "CustomHeaderList",
        folder_name: "FolderName",
    }
    EMailEnvelope: Carrier {
        server_id: "ServerId",
        message_id: "MessageId",
        subject: "Subject",
        from: "From",
        to: "To",
        sent: "Sent",
        priority: "Priority",
        flags: "Flags",
        size: "Size",
        email_so_info: "EMailSOInfo",
    }
    EMailFolder: Carrier {
        name: "Name",
        delimiter: "Delimiter",
        flags: "Flags",
        total_items: "TotalItems",
        unread_items: "UnreadItems",
        subscribed: "Subscribed",
    }
    EMailSOInfo: Carrier {
        document_id: "DocumentId",
        appointment_id: "AppointmentId",
        project_id: "ProjectId",
        sale_id: "SaleId",
        archived: "Archived",
    }
    EmptyFolder {
        connection_info: "ConnectionInfo",
        move_to_folder: "MoveToFolder",
    }
    EmptyFolderResponse {
    }
    FieldProperty {
        field_right: "FieldRight",
        field_type: "FieldType",
        field_length: "FieldLength",
    }
    FieldRight {
        mask: "Mask",
        reason: "Reason",
    }
    FindAddress {
        address: "Address",
    }
    FindAddressResponse {
        response: "Response",
    }
    GetAttachment {
        connection_info: "ConnectionInfo",
        message_server_id: "MessageServerId",
        attachment_id: "AttachmentId",
    }
    GetAttachmentResponse {
        response: "Response",
    }
    GetEMailAddresses {
        email_ids: "EmailIds",
    }
    GetEMailAddressesResponse {
        response: "Response",
    }
    GetEMailAsStream {
        connection_info: "ConnectionInfo",
        message_server_id: "MessageServerId",
        strip_attachments: "StripAttachments",
    }
    GetEMailAsStreamResponse {
        response: "Response",
    }
    GetEMailEnvelopes {
        connection_info: "ConnectionInfo",
        message_server_ids: "MessageServerIds",
    }
    GetEMailEnvelopesResponse {
        response: "Response",
    }
    GetEMailFromDocumentId {
        document_id: "DocumentId",
    }
    GetEMailFromDocumentIdResponse {
        response: "Response",
    }
    GetEMailFromId {
        connection_info: "ConnectionInfo",
        message_server_id: "MessageServerId",
        lookup_addresses: "LookupAddresses",
        flags: "Flags",
        include_attachments: "IncludeAttachments",
    }
    GetEMailFromIdResponse {
        response: "Response",
    }
    GetEMailFromTemp {
        file_name: "FileName",
    }
    GetEMailFromTempResponse {
        response: "Response",
    }
    GetEMailSOInfo {
        email_so_info_id: "EMailSOInfoId",
    }
    GetEMailSOInfoResponse {
        response: "Response",
    }
    GetEmailMessageIds {
        connection_info_extended: "ConnectionInfoExtended",
    }
    GetEmailMessageIdsResponse {
        response: "Response",
    }
    GetEmailsAsString {
        connection_info_extended: "ConnectionInfoExtended",
        message_ids: "MessageIds",
    }
    GetEmailsAsStringResponse {
        response: "Response",
    }
    GetFolderEMailCount {
        connection_info: "ConnectionInfo",
        only_unread: "OnlyUnread",
    }
    GetFolderEMailCountResponse {
        response: "Response",
    }
    GetFolderHasNewEMail {
        connection_info: "ConnectionInfo",
    }
    GetFolderHasNewEMailResponse {
        response: "Response",
    }
    GetFolderInfo {
        connection_info: "ConnectionInfo",
        folders: "Folders",
    }
    GetFolderInfoResponse {
        response: "Response",
    }
    GetFolderList {
        connection_info: "ConnectionInfo",
        include_item_count: "IncludeItemCount",
    }
    GetFolderListResponse {
        response: "Response",
    }
    Link: Carrier {
        entity_name: "EntityName",
        id: "Id",
        description: "Description",
        extra_info: "ExtraInfo",
        link_id: "LinkId",
    }
    LocalizedField: Carrier {
        name: "Name",
        value: "Value",
        tooltip: "Tooltip",
        label: "Label",
        value_length: "ValueLength",
        address_type: "AddressType",
    }
    MarkAsRead {
        connection_info: "ConnectionInfo",
        message_server_ids: "MessageServerIds",
        read: "Read",
    }
    MarkAsReadResponse {
    }
    MoveToFolder {
        connection_info: "ConnectionInfo",
        message_server_ids: "MessageServerIds",
        target_folder: "TargetFolder",
    }
    MoveToFolderResponse {
    }
    Person: Carrier {
        position: "Position",
        person_id: "PersonId",
        mrmrs: "Mrmrs",
        firstname: "Firstname",
        lastname: "Lastname",
        middle_name: "MiddleName",
        title: "Title",
        description: "Description",
        email: "Email",
        full_name: "FullName",
        direct_phone: "DirectPhone",
        formal_name: "FormalName",
        country_id: "CountryId",
        contact_id: "ContactId",
        contact_name: "ContactName",
        retired: "Retired",
        rank: "Rank",
        active_interests: "ActiveInterests",
        contact_department: "ContactDepartment",
        contact_country_id: "ContactCountryId",
        contact_org_nr: "ContactOrgNr",
        fax_phone: "FaxPhone",
        mobile_phone: "MobilePhone",
        contact_phone: "ContactPhone",
        associate_name: "AssociateName",
        associate_id: "AssociateId",
        use_person_address: "UsePersonAddress",
        contact_fax: "ContactFax",
        kanafname: "Kanafname",
        kanalname: "Kanalname",
        post1: "Post1",
        post2: "Post2",
        post3: "Post3",
        email_name: "EmailName",
        contact_full_name: "ContactFullName",
        active_erp_links: "ActiveErpLinks",
    }
    Project: Carrier {
        project_id: "ProjectId",
        name: "Name",
        description: "Description",
        url: "URL",
        r#type: "Type",
        associate_id: "AssociateId",
        associate_full_name: "AssociateFullName",
        type_id: "TypeId",
        updated: "Updated",
        status_id: "StatusId",
        status: "Status",
        text_id: "TextId",
        publish_to: "PublishTo",
        publish_from: "PublishFrom",
        is_published: "IsPublished",
        url_name: "URLName",
        project_number: "ProjectNumber",
        active_erp_links: "ActiveErpLinks",
    }
    RefreshFolder {
        connection_info: "ConnectionInfo",
        folders: "Folders",
    }
    RefreshFolderResponse {
        response: "Response",
    }
    RelayMessage {
        connection_info_extended: "ConnectionInfoExtended",
        rfc822: "Rfc822",
        from: "From",
        recipients: "Recipients",
    }
    RelayMessageResponse {
    }
    RequestHeaders {
        application_token: "ApplicationToken",
        credentials: "Credentials",
        time_zone: "TimeZone",
    }
    ResponseHeaders {
        exception_info: "ExceptionInfo",
        extra_info: "ExtraInfo",
        succeeded: "Succeeded",
        time_zone: "TimeZone",
    }
    Sale: Carrier {
        contact_name: "ContactName",
        sale_date: "SaleDate",
        sale_id: "SaleId",
        probability: "Probability",
        title: "Title",
        amount: "Amount",
        currency: "Currency",
        project_name: "ProjectName",
        associate_full_name: "AssociateFullName",
        description: "Description",
        status: "Status",
        weighted_amount: "WeightedAmount",
        project_id: "ProjectId",
        earning_percent: "EarningPercent",
        earning: "Earning",
        contact_id: "ContactId",
        associate_id: "AssociateId",
        person_id: "PersonId",
        sale_type_id: "SaleTypeId",
        sale_type_name: "SaleTypeName",
        person_full_name: "PersonFullName",
        completed: "Completed",
        active_erp_links: "ActiveErpLinks",
        next_due_date: "NextDueDate",
    }
    SaveEMail {
        connection_info: "ConnectionInfo",
        email: "Email",
    }
    SaveEMailResponse {
        response: "Response",
    }
    SendEMails {
        outgoing_connection_info: "OutgoingConnectionInfo",
        emails: "Emails",
        sent_items_connection_info: "SentItemsConnectionInfo",
    }
    SendEMailsResponse {
        response: "Response",
    }
    SetSubscription {
        connection_info: "ConnectionInfo",
        folders: "Folders",
    }
    SetSubscriptionResponse {
    }
    SoCredentials {
        ticket: "Ticket",
    }
    SoExceptionInfo {
        message: "Message",
        stack_trace: "StackTrace",
        friendly_text: "FriendlyText",
        exception_type: "ExceptionType",
        source: "Source",
        inner_exception: "InnerException",
        parameters: "Parameters",
    }
    SoTimeZone {
        so_time_zone_id: "SoTimeZoneId",
        so_time_zone_location_code: "SoTimeZoneLocationCode",
    }
    TableRight {
        mask: "Mask",
        reason: "Reason",
    }
    VisibleFor: Carrier {
        visible_id: "VisibleId",
        visibility: "Visibility",
        display_value: "DisplayValue",
    }
}

enums! {
    ActivityStatus: [Unknown, NotStarted, Started, Completed];
    AppointmentType: [Unknown, InDiary, InChecklist, Note, Document, SavedReport, BookingForDiary, BookingForChecklist, MergeDraft, MergeFinal];
    DocTmplDirection: [Unknown, Incoming, Outgoing, SaintAll];
    DocTmplQuoteType: [None, MailBody, MainDocument, QuoteLines, ConfirmationMailBody, ConfirmationLines];
    DocTmplType: [Unknown, Appointment, Document, Email, Fax, Phone, Todo, MergeDraft, MergeFinal, SavedReport];
    DocumentLockSemantics: [None, Locking, Versioning];
    EFieldRightFlag: [Read, Write, Unused1, Unused2, Unused3, Unused4, UIHintMandatory, UIHintReadOnly, UndefinedValue256];
    EMailFlag: [Seen, Deleted, Recent, Flagged, Draft, Answered];
    EMailPriority: [NoPriority, Highest, High, Normal, Low, Lowest];
    ETableRightFlag: [Select, Update, Insert, Delete, Filtering, RestrictedUpdate];
    SaleStatus: [Unknown, Open, Sold, Lost, Stalled, SaintAll];
    UserType: [Unknown, InternalAssociate, ResourceAssociate, ExternalAssociate, AnonymousAssociate, SystemAssociate];
    Visibility: [All, Associate, Group];
}

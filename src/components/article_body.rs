//! The article body: the sanitized tree, built into the DOM node by node.

use crate::dom;
use crate::ui::t;
use leptos::html::Div;
use leptos::prelude::*;
use portal_core::html::Node;

#[component]
pub fn ArticleBody(nodes: Vec<Node>) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let empty = nodes.is_empty();
    // Pre-rendered natively, the sanitized tree is written out as HTML; in
    // the browser it is built node by node, never parsed from a string.
    let prerendered = (!dom::IN_BROWSER).then(|| portal_core::html::to_html(&nodes));
    Effect::new(move |_| {
        if let Some(element) = container.get() {
            dom::render_nodes(&element, &nodes);
        }
    });
    view! {
        <div class="article-body" node_ref=container inner_html=prerendered></div>
        {empty.then(|| view! { <p class="empty">{t("本文暂无正文。")}</p> })}
    }
}

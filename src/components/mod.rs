//! One file per page part, named as the reader sees it.

pub mod article_body;
pub mod article_list;
pub mod article_meta;
pub mod breadcrumb;
pub mod category_block;
pub mod disclaimer;
pub mod font_size;
pub mod footer;
pub mod header;
pub mod mourning;
pub mod page_announcer;
pub mod page_data;
pub mod page_meta;
pub mod page_states;
pub mod pager;
pub mod policy;
pub mod prefetch;
pub mod prev_next;
pub mod read_aloud;
pub mod related;
pub mod search_box;
pub mod share_bar;
pub mod side_blocks;

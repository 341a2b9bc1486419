export { extractArticle, type ArticleText } from './extract-article.js';

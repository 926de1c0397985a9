/*
 * concordfts: the ranking function of Concord's SQLite search engine, an FTS5 auxiliary function.
 *
 *   concord_rank(search_fts, n)
 *
 * orders the rows of a query exactly as FTS5's own bm25(search_fts, 1.0, 0.0) does (k1 = 1.2,
 * b = 0.75, the body column weighing 1 and the facets column 0), with one saving: bm25() counts the
 * rows of the whole table that match each phrase of the query, for its IDF, before it scores the
 * first row. For a phrase of several words that count checks the positions of the words in every
 * row that holds them all: at 1M paragraphs the larger part of a phrase query's time. Here only the
 * first n phrases (those of the searched words, which the query compiler puts first; the phrases
 * after them are excluded words and facet filters, which never add to a row's score) are counted,
 * and when n is 1 none is: a single phrase's IDF multiplies every row's score alike, so the order
 * does not depend on it (the score is then the phrase's term-frequency part alone). Without n every
 * phrase is counted, as bm25() does.
 *
 * Built by `npm ci` (scripts/build-native.mjs) where a C compiler is present; Concord falls back to
 * bm25() when the library is missing (src/search/sqlite-fts5.ts).
 */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include <math.h>
#include <string.h>

typedef struct RankData {
  int nPhrase;    /* phrases in the query */
  int nScored;    /* phrases that add to the score: the first nScored */
  double avgdl;   /* average tokens in a row, all columns */
  double *aIDF;   /* per phrase */
  double *aFreq;  /* per phrase, the current row's frequency in the body column */
} RankData;

static int countRow(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUser) {
  (void)pApi;
  (void)pFts;
  (*(sqlite3_int64 *)pUser)++;
  return SQLITE_OK;
}

static int rankData(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int nScored, RankData **pp) {
  int rc = SQLITE_OK;
  RankData *p = (RankData *)pApi->xGetAuxdata(pFts, 0);
  if (p == 0) {
    sqlite3_int64 nRow = 0, nToken = 0;
    int nPhrase = pApi->xPhraseCount(pFts);
    sqlite3_int64 nByte = sizeof(RankData) + (sqlite3_int64)nPhrase * 2 * sizeof(double);
    int i;
    p = (RankData *)sqlite3_malloc64(nByte);
    if (p == 0) return SQLITE_NOMEM;
    memset(p, 0, (size_t)nByte);
    p->nPhrase = nPhrase;
    p->nScored = (nScored < 0 || nScored > nPhrase) ? nPhrase : nScored;
    p->aIDF = (double *)&p[1];
    p->aFreq = &p->aIDF[nPhrase];
    rc = pApi->xRowCount(pFts, &nRow);
    if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
    if (rc == SQLITE_OK) p->avgdl = nRow > 0 ? (double)nToken / (double)nRow : 1.0;
    if (p->nScored == 1) {
      p->aIDF[0] = 1.0;
    } else {
      for (i = 0; rc == SQLITE_OK && i < p->nScored; i++) {
        sqlite3_int64 nHit = 0;
        rc = pApi->xQueryPhrase(pFts, i, (void *)&nHit, countRow);
        if (rc == SQLITE_OK) {
          /* As bm25(): IDF = log((N - nHit + 0.5) / (nHit + 0.5)), at least 1e-6. */
          double idf = log((nRow - nHit + 0.5) / (nHit + 0.5));
          p->aIDF[i] = idf <= 0.0 ? 1e-6 : idf;
        }
      }
    }
    if (rc == SQLITE_OK) rc = pApi->xSetAuxdata(pFts, p, sqlite3_free);
    else sqlite3_free(p);
    if (rc != SQLITE_OK) p = 0;
  }
  *pp = p;
  return rc;
}

static void rankFunction(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                         int nVal, sqlite3_value **apVal) {
  const double k1 = 1.2, b = 0.75;
  RankData *p = 0;
  int nInst = 0, nTok = 0, i;
  double score = 0.0, D;
  int rc = rankData(pApi, pFts, nVal > 0 ? sqlite3_value_int(apVal[0]) : -1, &p);
  if (rc == SQLITE_OK) {
    memset(p->aFreq, 0, sizeof(double) * p->nPhrase);
    rc = pApi->xInstCount(pFts, &nInst);
  }
  for (i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip, ic, io;
    rc = pApi->xInst(pFts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK && ic == 0) p->aFreq[ip] += 1.0;
  }
  if (rc == SQLITE_OK) rc = pApi->xColumnSize(pFts, -1, &nTok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(pCtx, rc);
    return;
  }
  D = (double)nTok;
  for (i = 0; i < p->nScored; i++)
    score += p->aIDF[i] * ((p->aFreq[i] * (k1 + 1.0)) / (p->aFreq[i] + k1 * (1 - b + b * D / p->avgdl)));
  sqlite3_result_double(pCtx, -1.0 * score);
}

static fts5_api *fts5Api(sqlite3 *db) {
  fts5_api *pRet = 0;
  sqlite3_stmt *pStmt = 0;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(pStmt, 1, (void *)&pRet, "fts5_api_ptr", 0);
    sqlite3_step(pStmt);
  }
  sqlite3_finalize(pStmt);
  return pRet;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_concordfts_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  fts5_api *fts;
  SQLITE_EXTENSION_INIT2(pApi);
  fts = fts5Api(db);
  if (fts == 0 || fts->iVersion < 2) {
    *pzErrMsg = sqlite3_mprintf("concordfts: FTS5 is not available");
    return SQLITE_ERROR;
  }
  return fts->xCreateFunction(fts, "concord_rank", 0, rankFunction, 0);
}

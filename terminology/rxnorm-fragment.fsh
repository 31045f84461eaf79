// Only the RxNorm ingredients this project uses (the systemic glucocorticoids), so that their codes validate
// without a network or a full RxNorm load.
CodeSystem: RxNormFragment
Id: rxnorm-fragment
Title: "RxNorm (fragment used by the UC-MSC lupus trials)"
Description: "The RxNorm ingredient codes of the systemic glucocorticoids whose doses the trials record. A fragment: RxNorm itself is far larger."
* ^url = "http://www.nlm.nih.gov/research/umls/rxnorm"
* ^name = "RxNorm"
* ^status = #active
* ^caseSensitive = false
* ^content = #fragment
* ^copyright = "RxNorm is produced by the U.S. National Library of Medicine (NLM); this fragment uses publicly available data courtesy of NLM."
* #8640 "prednisone"
* #8638 "prednisolone"
* #6902 "methylprednisolone"
* #3264 "dexamethasone"
* #5492 "hydrocortisone"
* #121191 "rituximab"
* #68149 "mycophenolate mofetil"
* #3002 "cyclophosphamide"
* #1256 "azathioprine"
* #42316 "tacrolimus"
* #3008 "cyclosporine"
* #6851 "methotrexate"

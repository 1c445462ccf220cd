"""Exécution confinée d'un carnet d'élève par nbgrader (préprocesseur ``Execute`` adapté).

Par rapport à ``nbgrader.preprocessors.Execute`` :

* le noyau est lancé par ``noyau.py`` (limites, environnement propre,
  utilisateur sans privilèges quand c'est possible) ;
* une cellule qui dépasse le délai est interrompue et la suite du carnet
  continue (les autres questions sont notées) ;
* si le noyau meurt (``os._exit``, plantage, mémoire), les cellules déjà
  exécutées gardent leur résultat et les suivantes sont marquées « non
  exécutées » : les questions d'avant sont notées, celles d'après valent 0 ;
  nbgrader, lui, abandonnerait tout le carnet ;
* la sortie d'une cellule est bornée pendant l'exécution (un ``print`` dans
  une boucle ne remplit plus la mémoire du correcteur) ;
* chaque événement (délai, arrêt du noyau, mémoire, sortie tronquée) est
  noté dans ``EVENEMENTS`` pour le statut de la soumission.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.client import NotebookClient
from nbformat import NotebookNode
from nbformat.v4 import new_output
from traitlets import Dict, Integer, Unicode

from nbgrader.preprocessors import Execute

# Filled during one autograde, read then emptied by the worker (one notebook at a time per process).
EVENEMENTS: list[dict] = []

LANCEUR = str(Path(__file__).with_name("noyau.py"))


class GestionnaireNoyau(AsyncKernelManager):
    """Gestionnaire de noyau qui fait passer la commande du noyau par le lanceur confiné."""

    reglages_json = Unicode("").tag(config=False)

    def format_kernel_cmd(self, extra_arguments=None):
        commande = super().format_kernel_cmd(extra_arguments)
        if not self.reglages_json:
            return commande
        return [sys.executable, "-I", "-S", LANCEUR, self.reglages_json, "--", *commande]


def _erreur(nom: str, message: str) -> NotebookNode:
    return new_output("error", ename=nom, evalue=message, traceback=[f"{nom} : {message}"])


class ExecutionConfinee(Execute):
    """``Execute`` de nbgrader, confiné et robuste (voir le module)."""

    reglages_json = Unicode("", help="Réglages du lanceur de noyau (JSON), vide : noyau ordinaire.").tag(config=True)
    limite_sortie = Integer(1_000_000, help="Octets de sortie gardés par cellule.").tag(config=True)
    error_on_timeout = Dict(
        default_value={
            "ename": "DelaiDepasse",
            "evalue": "la cellule a dépassé le temps permis et a été interrompue (boucle infinie ?)",
            "traceback": ["DelaiDepasse : la cellule a dépassé le temps permis et a été interrompue (boucle infinie ?)"],
        },
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", GestionnaireNoyau)
        super().__init__(*args, **kwargs)
        self._octets, self._tronquee = 0, False

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if isinstance(km, GestionnaireNoyau):
            km.reglages_json = self.reglages_json
        return km

    def _evenement(self, genre: str, index: int, **details) -> None:
        cellule = self.nb.cells[index]
        gid = cellule.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        EVENEMENTS.append({"genre": genre, "cellule": gid or f"cellule {index + 1}", **details})

    def preprocess(self, nb, resources=None, km=None):
        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        arret = None
        with self.setup_kernel():
            info = self.wait_for_reply(self.kc.kernel_info())
            self.nb.metadata["language_info"] = info["content"]["language_info"]
            for index, cellule in enumerate(self.nb.cells):
                if cellule.cell_type != "code" or not cellule.source.strip():
                    continue
                if arret is not None:
                    cellule.outputs = [_erreur("NonExecutee", arret)]
                    continue
                self._octets, self._tronquee = 0, False
                try:
                    self.preprocess_cell(cellule, resources, index)
                except DeadKernelError:
                    cellule.outputs.append(_erreur(
                        "NoyauArrete",
                        "le noyau Python s'est arrêté pendant cette cellule (os._exit, plantage ou mémoire épuisée)",
                    ))
                    self._evenement("noyau_arrete", index)
                    arret = "cellule non exécutée : le noyau Python s'est arrêté plus haut"
                except CellTimeoutError:
                    # The interrupt did not bring the kernel back: nothing after this cell can run.
                    cellule.outputs.append(_erreur(
                        "DelaiDepasse", "la cellule a dépassé le temps permis et le noyau ne répond plus",
                    ))
                    self._evenement("delai_bloque", index)
                    arret = "cellule non exécutée : le noyau ne répondait plus après un dépassement de délai"
                noms = {s.get("ename") for s in cellule.outputs if s.get("output_type") == "error"}
                if "DelaiDepasse" in noms:
                    self._evenement("delai", index)
                if "MemoryError" in noms:
                    self._evenement("memoire", index)
        self.set_widgets_metadata()
        return self.nb, self.resources

    def output(self, outs, msg, display_id, cell_index):
        contenu = msg.get("content", {})
        if msg.get("msg_type") == "stream":
            taille = len(contenu.get("text", ""))
        else:
            taille = sum(len(str(v)) for v in (contenu.get("data") or {}).values()) + len(str(contenu.get("traceback", "")))
        reste = self.limite_sortie - self._octets
        self._octets += taille
        if taille <= reste:
            return super().output(outs, msg, display_id, cell_index)
        if not self._tronquee:
            self._tronquee = True
            self._evenement("sortie", cell_index, limite=self.limite_sortie)
            if msg.get("msg_type") == "stream" and reste > 0:
                outs.append(new_output("stream", name=contenu.get("name", "stdout"), text=contenu["text"][:reste]))
            outs.append(new_output(
                "stream", name="stdout",
                text=f"\n[… sortie tronquée : cette cellule a écrit plus de {self.limite_sortie // 1000} Ko …]\n",
            ))
        return None

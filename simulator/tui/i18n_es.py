"""UI strings in Spanish (`es`), by the keys of `i18n.STRINGS`; a key missing here shows
in English."""

from __future__ import annotations

STRINGS_ES: dict[str, str] = {
    "debtor": "Deudor",
    "moved_on": ("Esta llamada continuó en otra pestaña, así que esta se detuvo. Recargue la página para "
                 "seguir desde el último turno guardado."),
    "you": "Usted",
    "replies": "Su respuesta (1-9, flechas+Intro, ratón)",
    "case_file": "Expediente",
    "checklist": "Tareas clave",
    "pressure": "Presión",
    "chart_key": "g: gráfico completo",
    "unchecked": "No evaluado con el perfil {profile}, y por qué",
    "mood": "Ánimo",
    "end_call": "Colgar",
    "help": "Ayuda",
    "theme": "Tema",
    "history": "Historial",
    "quit": "Salir",
    "amount": "Importe",
    "overdue": "Días de atraso",
    "bucket": "Tramo",
    "contacts": "Contactos",
    "history_prior": "Contactos anteriores",
    "none_yet": "ninguno: primer contacto",
    "notes": "Resumen del caso",
    "payments": "Pagos",
    "debrief": "Evaluación",
    "pass": "APROBADO",
    "fail": "SUSPENSO",
    "pass_mark": "nota mínima",
    "auto_fail": "SUSPENSO DIRECTO",
    "penalty": "penalización",
    "items": "Criterios · Intro: evidencia",
    "transcript": "Transcripción · Intro: el camino no tomado",
    "turns_ref": "[turno {turns}]",
    "n_a": "n/a",
    "why": "Por qué",
    "fails_call": "suspende la llamada",
    "road": "El camino no tomado",
    "road_hint": "Elija un turno de la transcripción para ver las otras respuestas.",
    "chosen": "elegida",
    "score": "puntos",
    "chart": "Presión y temple por turno",
    "var_anger": "Enfado",
    "var_trust": "Confianza",
    "last_peak": "pico del último contacto",
    "chart_turn": "turno",
    "retry": "Repetir (misma semilla)",
    "new_seed": "Nueva semilla",
    "turn": "turno",
    "tip": "Consejo",
    "picker": "Elija un escenario",
    "filter": "filtrar escenarios…",
    "outcome": "Resultado",
    "call_over": "La llamada ha terminado.",
    "help_text": (
        "[b]Las cuatro tareas clave[/b]\n"
        " 1. Exigir el pago hoy\n 2. Conocer el motivo del atraso\n"
        " 3. Exponer los pros y contras de pagar\n 4. Cerrar con un compromiso concreto: un "
        "importe, un día concreto y una forma de pago; luego cerrar (informar a la dirección, "
        "fijar la próxima llamada o visita)\n\n"
        "[b]El curso de la llamada[/b]\n Saludar y confirmar la identidad, exponer la deuda, "
        "preguntar el motivo, sopesar lo que cuesta no pagar, subir la presión paso a paso "
        "(sin cruzar nunca las líneas rojas), fijar importe, fecha y forma de pago, y cerrar.\n\n"
        "[b]Teclas[/b]\n 1-9 elegir respuesta · flechas+Intro · e colgar ya (la llamada "
        "también termina al cerrarla usted o al colgar el deudor) · l idioma · t tema · "
        "h historial · ctrl+p paleta de comandos · q salir (la llamada queda guardada: "
        "collectsim play --resume)\n\n? o Esc cierra esta ayuda."
    ),
    "help_debrief": (
        "[b]Cómo leer la evaluación[/b]\n"
        " La nota es sobre 100; para aprobar hace falta la nota mínima [i]y[/i] todas las "
        "tareas clave, y cruzar cualquier línea roja suspende la llamada directamente.\n"
        " Cada criterio muestra sus puntos, los turnos que lo prueban, por qué se perdieron "
        "puntos y un consejo. Intro sobre un criterio salta a su primer turno de evidencia.\n"
        " Bajo el veredicto, la presión de cada turno en una línea (un bloque más alto es un "
        "escalón más alto de la escalera de presión), su pico y el límite para este deudor; g "
        "muestra el gráfico completo. En la transcripción, #N es el turno y la línea bajo su "
        "respuesta nombra el escalón que alcanzó (sin línea: respuesta neutra). Los criterios "
        "terminan con las reglas del perfil de cumplimiento que no se evaluaron, y por qué. "
        "Intro sobre un turno muestra el camino no tomado: cada respuesta que "
        "había, qué habría hecho con la nota y la presión en ese momento, y si suspende la "
        "llamada.\n\n"
        "[b]Teclas[/b]\n flechas moverse · Tab siguiente panel · Intro evidencia / camino no "
        "tomado · r repetir la misma llamada (misma semilla) · n probar otra semilla · "
        "l idioma · t tema · h historial · q salir\n\n? o Esc cierra esta ayuda."
    ),
    "core.demand_today": "Exigir el pago hoy",
    "core.learn_reason": "Conocer el motivo",
    "core.pros_and_cons": "Exponer pros y contras",
    "core.get_commitment": "Cerrar con un compromiso",
    "past_calls": "Llamadas anteriores",
    "unfinished": "sin terminar",
    "turns": "turnos",
    "gb.title": "Libro de notas",
    "gb.book": "Libro de notas",
    "gb.cohort": "Grupo",
    "gb.analysis": "Análisis de respuestas",
    "gb.filter": "filtrar por candidato o escenario… (/)",
    "gb.loading": "Abriendo la base de resultados…",
    "gb.error": "No se puede leer la base de resultados",
    "gb.candidate": "candidato",
    "gb.scenario": "escenario",
    "gb.score": "nota",
    "gb.result": "resultado",
    "gb.attempts": "intentos",
    "gb.last": "fin (UTC)",
    "gb.signature": "firma",
    "gb.sig.valid": "válida",
    "gb.sig.tampered": "ALTERADO",
    "gb.sig.unsigned": "SIN FIRMA",
    "gb.summary": "{rows} resultados · {candidates} candidatos · {scenarios} escenarios · "
                  "{finished} intentos terminados · {in_progress} en curso",
    "gb.tampered_count": "{n} registro(s) ALTERADO(S): ejecute `collectsim verify`",
    "gb.shown": "{shown} de {rows} mostrados",
    "gb.empty": ("[b]Aún no hay intentos terminados[/b] en {url}\n\n"
                 "Los resultados aparecen aquí cuando se registran candidatos:\n\n"
                 "  collectsim assess SCENARIO... --candidate NAME   una evaluación calificada\n"
                 "  collectsim run SCENARIO --policy expert --record --candidate NAME\n\n"
                 "Añada --db URL (o defina COLLECTSIM_DB) para usar la misma base que esta "
                 "pantalla. Pulse r para recargar."),
    "gb.n": "n",
    "gb.mean": "media",
    "gb.median": "mediana",
    "gb.stdev": "desv. típ.",
    "gb.min": "mín",
    "gb.max": "máx",
    "gb.pass_rate": "tasa de aprobados",
    "gb.item": "criterio",
    "gb.item_mean": "media de puntos",
    "gb.item_means": "Criterios: fracción media de los puntos",
    "gb.flag": "señal",
    "gb.flag.tempting": "error tentador",
    "gb.flag.separating": "discriminante",
    "gb.turn": "turno",
    "gb.state": "estado",
    "gb.reply": "respuesta",
    "gb.picked": "elegida",
    "gb.pass_if_picked": "aprueban si la eligen",
    "gb.pass_if_not": "aprueban si no",
    "gb.separation": "discriminación",
    "gb.analysis_hint": "Un error tentador se elige, y quienes lo eligen aprueban mucho menos; "
                        "una respuesta discriminante la eligen quienes aprueban.",
    "gb.attempt": "intento",
    "gb.of": "de",
    "gb.seed": "semilla",
    "gb.lang": "idioma",
    "gb.mode": "modo",
    "gb.started": "inicio",
    "gb.ended": "fin",
    "gb.hashes": "hashes del contenido",
    "gb.points": "puntos",
    "gb.weight": "peso",
    "gb.no_findings": "Sin suspenso directo, sin penalización, sin nota de mejora.",
    "gb.note": "nota",
    "gb.items_title": "Criterios",
    "gb.transcript": "Transcripción",
    "gb.officer": "Gestor",
    "gb.tampered_note": "Este registro ya no coincide con su firma: se modificó después de la "
                        "llamada. No se fíe de su nota.",
    "gb.help_text": (
        "[b]Libro de notas[/b]\n El último intento terminado de cada candidato por escenario, "
        "con el número de intentos y si el registro guardado sigue coincidiendo con su firma. "
        "Intro sobre una fila del grupo lista los candidatos de ese escenario.\n\n"
        "[b]Teclas[/b]\n b libro de notas · c grupo · i análisis de respuestas · / filtrar · "
        "s ordenar por la siguiente columna (o clic en un encabezado) · Intro abrir el intento · "
        "[ ] intento anterior / siguiente · escape volver · r recargar · l idioma · "
        "t tema · q salir\n\n"
        "[b]Análisis de respuestas[/b]\n Para el menú de cada turno: con qué frecuencia se eligió "
        "cada respuesta y la tasa de aprobados de quienes la eligieron frente a quienes no. Un "
        "error tentador merece una sesión de formación; una respuesta discriminante es lo que "
        "saben los buenos candidatos."
    ),
}

KEY_LABELS_ES: dict[str, str] = {
    "Analysis": "Análisis", "Back": "Volver", "Close": "Cerrar", "Cohort": "Grupo",
    "Earlier": "Anterior", "End call": "Colgar", "Filter": "Filtrar", "Gradebook": "Notas",
    "Help": "Ayuda", "History": "Historial", "Later": "Siguiente", "New seed": "Otra semilla",
    "Quit": "Salir", "Reload": "Recargar", "Retry": "Repetir", "Sort": "Ordenar", "Theme": "Tema",
    "palette": "paleta", "中文/EN": "Idioma",
}
